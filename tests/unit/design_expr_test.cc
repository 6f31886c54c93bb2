// The design files' expression language (compiler/design/expr.h): exact arithmetic, the
// functions, select over dtypes, and each error naming the expression.
#include <gtest/gtest.h>

#include "compiler/design/expr.h"

namespace aie2sim::design {
namespace {

int64_t Eval(const std::string& text, const Bindings& bindings = {}) {
  const Value value = Evaluate(text, bindings);
  EXPECT_FALSE(value.is_symbol) << text;
  return value.number;
}

std::string ErrorOf(const std::string& text, const Bindings& bindings = {}) {
  try {
    Evaluate(text, bindings);
  } catch (const ExpressionError& error) {
    return error.what();
  }
  return "no error";
}

TEST(DesignExpr, ArithmeticAndPrecedence) {
  EXPECT_EQ(Eval("1 + 2 * 3"), 7);
  EXPECT_EQ(Eval("(1 + 2) * 3"), 9);
  EXPECT_EQ(Eval("10 - 4 - 3"), 3);
  EXPECT_EQ(Eval("-3 + 5"), 2);
  EXPECT_EQ(Eval("0x10 + 1"), 17);
  EXPECT_EQ(Eval("12 / 4"), 3);
  EXPECT_EQ(Eval("7 // 2"), 3);
  EXPECT_EQ(Eval("-7 // 2"), -4);  // floors, as Python
  EXPECT_EQ(Eval("-7 % 3"), 2);
  EXPECT_EQ(Eval("7 % -3"), -2);
}

TEST(DesignExpr, FunctionsAndComparisons) {
  EXPECT_EQ(Eval("min(4, 2, 9)"), 2);
  EXPECT_EQ(Eval("max(4, 2, 9)"), 9);
  EXPECT_EQ(Eval("ceildiv(10, 4)"), 3);
  EXPECT_EQ(Eval("ceildiv(8, 4)"), 2);
  EXPECT_EQ(Eval("3 < 4 && 4 <= 4 && 5 > 4 && (5 >= 6) == 0"), 1);
  EXPECT_EQ(Eval("1 == 2 || 2 != 3"), 1);
  EXPECT_EQ(Eval("!0"), 1);
}

TEST(DesignExpr, ParametersSymbolsAndSelect) {
  const Bindings bindings = {
      {"M", Value::Number(512)}, {"m", Value::Number(32)}, {"dtype", Value::Symbol("i16")}};
  EXPECT_EQ(Eval("M / m", bindings), 16);
  EXPECT_EQ(Eval("select(dtype, {i8: 8, i16: 4})", bindings), 4);
  EXPECT_EQ(Eval("sizeof(dtype) * M", bindings), 1024);
  EXPECT_EQ(Eval("dtype == 'i16'", bindings), 1);
  EXPECT_EQ(Evaluate("select(dtype, {i8: 'mm_i8_i32', i16: 'mm_i16_i32'})", bindings).symbol,
            "mm_i16_i32");
}

TEST(DesignExpr, ErrorsNameTheExpression) {
  const Bindings bindings = {{"M", Value::Number(500)}, {"m", Value::Number(32)}};
  EXPECT_EQ(ErrorOf("M / m", bindings),
            "expression \"M / m\": 500 / 32 is not exact (use // to floor or ceildiv to round up)");
  EXPECT_EQ(ErrorOf("N * 2", bindings), "expression \"N * 2\": unknown name \"N\"");
  EXPECT_EQ(ErrorOf("1 / 0"), "expression \"1 / 0\": division by zero");
  EXPECT_EQ(ErrorOf("4611686018427387904 * 4"),
            "expression \"4611686018427387904 * 4\": overflow in *");
  EXPECT_EQ(ErrorOf("(1 + 2"), "expression \"(1 + 2\": expected \")\" at the end");
  EXPECT_EQ(ErrorOf("1 +"), "expression \"1 +\": unexpected end");
  EXPECT_EQ(ErrorOf("select(3, {1: 2})"),
            "expression \"select(3, {1: 2})\": select has no entry for 3 (has 1)");
  EXPECT_EQ(ErrorOf("import(os)"), "expression \"import(os)\": unknown function \"import\"");
  EXPECT_EQ(ErrorOf("2 3"), "expression \"2 3\": unexpected \"3\"");
  EXPECT_EQ(ErrorOf("'i8' + 1"), "expression \"'i8' + 1\": + needs a number, got the symbol i8");
}

TEST(DesignExpr, Literals) {
  EXPECT_EQ(ParseLiteral("1024").number, 1024);
  EXPECT_EQ(ParseLiteral("i16").symbol, "i16");
  EXPECT_THROW(ParseLiteral("i16-x"), ExpressionError);
}

}  // namespace
}  // namespace aie2sim::design
