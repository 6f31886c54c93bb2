// The expression language of design files (workloads/designs/README.md): integers, parameters,
// loop indices and a few operators, evaluated exactly; no Python, no eval.
//
//   expr    := or
//   or      := and ("||" and)*            and := compare ("&&" compare)*
//   compare := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
//   sum     := product (("+" | "-") product)*
//   product := unary (("*" | "/" | "//" | "%") unary)*
//   unary   := ("-" | "!") unary | primary
//   primary := integer | 'symbol' | name | name "(" args ")" | "(" expr ")"
//   calls   := min(a, b, ...)  max(a, b, ...)  ceildiv(a, b)  sizeof(dtype)
//              select(x, {key: expr, ...})   (x's value names the entry; keys are symbols or
//                                             integers)
// Values are 64-bit integers or symbols (a dtype such as i16, written bare as a parameter's value
// or quoted 'i16' in an expression). `/` must divide exactly, `//` floors, `%` takes the sign of
// the divisor (Python's), comparisons and logic give 0 or 1. Overflow, division by zero, an
// inexact `/`, an unknown name or a symbol where a number is needed are ExpressionErrors naming
// the expression; callers add the file, line and key.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>

namespace aie2sim::design {

struct Value {
  bool is_symbol = false;
  int64_t number = 0;
  std::string symbol;

  static Value Number(int64_t number) { return Value{false, number, {}}; }
  static Value Symbol(std::string symbol) { return Value{true, 0, std::move(symbol)}; }
  std::string ToString() const { return is_symbol ? symbol : std::to_string(number); }
  bool operator==(const Value& other) const {
    return is_symbol == other.is_symbol && number == other.number && symbol == other.symbol;
  }
};

// The names an expression may use: parameters, derived values, loop indices.
using Bindings = std::map<std::string, Value>;

class ExpressionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Evaluates `text` under `bindings`.
Value Evaluate(const std::string& text, const Bindings& bindings);

// Bytes of one element of a dtype (i8, u8, i16, u16, bf16, i32, u32, f32); 0 when unknown.
int64_t DtypeBytes(const std::string& dtype);

// A parameter value as written on the command line or in a file: an integer, else a symbol
// (a name: letters, digits, underscores, starting with a letter). ExpressionError otherwise.
Value ParseLiteral(const std::string& text);

}  // namespace aie2sim::design
