#include "compiler/design/expr.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

namespace aie2sim::design {
namespace {

bool IsNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Parser {
 public:
  Parser(const std::string& text, const Bindings& bindings) : text_(text), bindings_(bindings) {}

  Value Parse() {
    const Value value = Or();
    Skip();
    if (pos_ != text_.size()) Fail("unexpected \"" + text_.substr(pos_) + "\"");
    return value;
  }

 private:
  [[noreturn]] void Fail(const std::string& problem) const {
    throw ExpressionError("expression \"" + text_ + "\": " + problem);
  }

  void Skip() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  // Consumes `token` when it comes next (an operator must not be the prefix of a longer one the
  // caller tries later: callers try "//" before "/", "<=" before "<").
  bool Accept(const std::string& token) {
    Skip();
    if (text_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }
  void Expect(const std::string& token) {
    if (!Accept(token)) {
      Skip();
      Fail("expected \"" + token + "\"" +
           (pos_ < text_.size() ? " at \"" + text_.substr(pos_) + "\"" : " at the end"));
    }
  }

  int64_t Number(const Value& value, const char* what) const {
    if (value.is_symbol)
      Fail(std::string(what) + " needs a number, got the symbol " + value.symbol);
    return value.number;
  }

  Value Or() {
    Value left = And();
    while (Accept("||")) {
      const Value right = And();
      left = Value::Number(Number(left, "||") != 0 || Number(right, "||") != 0);
    }
    return left;
  }

  Value And() {
    Value left = Compare();
    while (Accept("&&")) {
      const Value right = Compare();
      left = Value::Number(Number(left, "&&") != 0 && Number(right, "&&") != 0);
    }
    return left;
  }

  Value Compare() {
    const Value left = Sum();
    for (const char* op : {"==", "!=", "<=", ">=", "<", ">"}) {
      if (!Accept(op)) continue;
      const Value right = Sum();
      const std::string name = op;
      if (name == "==") return Value::Number(left == right);
      if (name == "!=") return Value::Number(!(left == right));
      const int64_t a = Number(left, op);
      const int64_t b = Number(right, op);
      if (name == "<=") return Value::Number(a <= b);
      if (name == ">=") return Value::Number(a >= b);
      if (name == "<") return Value::Number(a < b);
      return Value::Number(a > b);
    }
    return left;
  }

  Value Sum() {
    Value left = Product();
    for (;;) {
      if (Accept("+")) {
        const int64_t b = Number(Product(), "+");
        int64_t result = 0;
        if (__builtin_add_overflow(Number(left, "+"), b, &result)) Fail("overflow in +");
        left = Value::Number(result);
      } else if (Accept("-")) {
        const int64_t b = Number(Product(), "-");
        int64_t result = 0;
        if (__builtin_sub_overflow(Number(left, "-"), b, &result)) Fail("overflow in -");
        left = Value::Number(result);
      } else {
        return left;
      }
    }
  }

  Value Product() {
    Value left = Unary();
    for (;;) {
      std::string op;
      if (Accept("*")) {
        op = "*";
      } else if (Accept("//")) {
        op = "//";
      } else if (Accept("/")) {
        op = "/";
      } else if (Accept("%")) {
        op = "%";
      } else {
        return left;
      }
      const int64_t a = Number(left, op.c_str());
      const int64_t b = Number(Unary(), op.c_str());
      int64_t result = 0;
      if (op == "*") {
        if (__builtin_mul_overflow(a, b, &result)) Fail("overflow in *");
      } else {
        if (b == 0) Fail("division by zero");
        if (a == INT64_MIN && b == -1) Fail("overflow in " + op);
        if (op == "/") {
          if (a % b != 0) {
            Fail(std::to_string(a) + " / " + std::to_string(b) +
                 " is not exact (use // to floor or ceildiv to round up)");
          }
          result = a / b;
        } else {
          result = FloorDiv(a, b);
          if (op == "%") result = a - result * b;
        }
      }
      left = Value::Number(result);
    }
  }

  static int64_t FloorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
  }

  Value Unary() {
    if (Accept("-")) {
      const int64_t a = Number(Unary(), "-");
      if (a == INT64_MIN) Fail("overflow in -");
      return Value::Number(-a);
    }
    if (Accept("!")) return Value::Number(Number(Unary(), "!") == 0);
    return Primary();
  }

  Value Primary() {
    Skip();
    if (pos_ >= text_.size()) Fail("unexpected end");
    const char c = text_[pos_];
    if (Accept("(")) {
      const Value value = Or();
      Expect(")");
      return value;
    }
    if (c == '\'') {
      const size_t end = text_.find('\'', pos_ + 1);
      if (end == std::string::npos) Fail("unterminated quote");
      const std::string symbol = text_.substr(pos_ + 1, end - pos_ - 1);
      pos_ = end + 1;
      return Value::Symbol(symbol);
    }
    if (std::isdigit(static_cast<unsigned char>(c))) return Value::Number(Integer());
    if (IsNameStart(c)) {
      const std::string name = Name();
      if (Accept("(")) return Call(name);
      const auto found = bindings_.find(name);
      if (found == bindings_.end()) Fail("unknown name \"" + name + "\"");
      return found->second;
    }
    Fail("unexpected \"" + text_.substr(pos_) + "\"");
  }

  int64_t Integer() {
    const size_t start = pos_;
    int base = 10;
    if (text_.compare(pos_, 2, "0x") == 0 || text_.compare(pos_, 2, "0X") == 0) {
      base = 16;
      pos_ += 2;
    }
    while (pos_ < text_.size() && std::isxdigit(static_cast<unsigned char>(text_[pos_])) &&
           (base == 16 || std::isdigit(static_cast<unsigned char>(text_[pos_])))) {
      ++pos_;
    }
    if (pos_ < text_.size() && IsNameChar(text_[pos_])) {
      Fail("bad number \"" + text_.substr(start, pos_ + 1 - start) + "\"");
    }
    const std::string digits = text_.substr(start, pos_ - start);
    try {
      size_t used = 0;
      const long long value = std::stoll(digits, &used, base == 16 ? 16 : 10);
      if (used != digits.size()) Fail("bad number \"" + digits + "\"");
      return value;
    } catch (const std::out_of_range&) {
      Fail("number " + digits + " is out of range");
    } catch (const std::invalid_argument&) {
      Fail("bad number \"" + digits + "\"");
    }
  }

  std::string Name() {
    const size_t start = pos_;
    while (pos_ < text_.size() && IsNameChar(text_[pos_])) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // The key of a select entry: a bare symbol or an integer, not evaluated.
  Value Key() {
    Skip();
    if (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
      return Value::Number(Integer());
    }
    if (pos_ < text_.size() && text_[pos_] == '\'') return Primary();
    if (pos_ >= text_.size() || !IsNameStart(text_[pos_])) Fail("expected a select key");
    return Value::Symbol(Name());
  }

  Value Call(const std::string& name) {
    if (name != "select" && name != "min" && name != "max" && name != "ceildiv" &&
        name != "sizeof") {
      Fail("unknown function \"" + name + "\"");
    }
    if (name == "select") {
      const Value chosen = Or();
      Expect(",");
      Expect("{");
      std::vector<std::string> keys;
      std::optional<Value> result;
      do {
        const Value key = Key();
        Expect(":");
        const Value value = Or();
        for (const std::string& seen : keys) {
          if (seen == key.ToString()) Fail("select key " + seen + " given twice");
        }
        keys.push_back(key.ToString());
        if (key == chosen) result = value;
      } while (Accept(","));
      Expect("}");
      Expect(")");
      if (!result) {
        std::string known;
        for (const std::string& key : keys) known += (known.empty() ? "" : ", ") + key;
        Fail("select has no entry for " + chosen.ToString() + " (has " + known + ")");
      }
      return *result;
    }
    std::vector<Value> args;
    if (!Accept(")")) {
      do args.push_back(Or());
      while (Accept(","));
      Expect(")");
    }
    if (name == "min" || name == "max") {
      if (args.empty()) Fail(name + "() needs at least one argument");
      int64_t best = Number(args[0], name.c_str());
      for (const Value& arg : args) {
        const int64_t v = Number(arg, name.c_str());
        best = name == "min" ? std::min(best, v) : std::max(best, v);
      }
      return Value::Number(best);
    }
    if (name == "ceildiv") {
      if (args.size() != 2) Fail("ceildiv() takes 2 arguments");
      const int64_t a = Number(args[0], "ceildiv");
      const int64_t b = Number(args[1], "ceildiv");
      if (b == 0) Fail("division by zero");
      if (a == INT64_MIN && b == -1) Fail("overflow in ceildiv");
      return Value::Number(-FloorDiv(-a, b));
    }
    if (name == "sizeof") {
      if (args.size() != 1 || !args[0].is_symbol) Fail("sizeof() takes one dtype");
      const int64_t bytes = DtypeBytes(args[0].symbol);
      if (bytes == 0) Fail("unknown dtype " + args[0].symbol);
      return Value::Number(bytes);
    }
    Fail("unknown function \"" + name + "\"");  // unreachable: checked above
  }

  const std::string& text_;
  const Bindings& bindings_;
  size_t pos_ = 0;
};

}  // namespace

Value Evaluate(const std::string& text, const Bindings& bindings) {
  return Parser(text, bindings).Parse();
}

int64_t DtypeBytes(const std::string& dtype) {
  if (dtype == "i8" || dtype == "u8") return 1;
  if (dtype == "i16" || dtype == "u16" || dtype == "bf16") return 2;
  if (dtype == "i32" || dtype == "u32" || dtype == "f32") return 4;
  return 0;
}

Value ParseLiteral(const std::string& text) {
  if (!text.empty() && IsNameStart(text[0])) {
    for (const char c : text) {
      if (!IsNameChar(c))
        throw ExpressionError("\"" + text + "\" is neither an integer nor a name");
    }
    return Value::Symbol(text);
  }
  const Value value = Evaluate(text, {});
  if (value.is_symbol) throw ExpressionError("\"" + text + "\" is not an integer");
  return value;
}

}  // namespace aie2sim::design
