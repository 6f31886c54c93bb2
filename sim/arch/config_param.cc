#include "sim/arch/config_param.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <utility>

#include "sim/base/error.h"

namespace aie2sim::arch {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// The values of the `timing_model` enum, in the order its names are listed.
constexpr TimingModel kTimingModels[] = {TimingModel::kPaper, TimingModel::kRealistic};

// The value as it appears in a message: quoted, one line, not unboundedly long.
std::string Quote(const std::string& text) {
  constexpr size_t kMaxShown = 40;
  std::string shown;
  for (char c : text.substr(0, kMaxShown)) {
    if (c == '\n') {
      shown += "\\n";
    } else if (c == '"' || c == '\\') {
      shown += '\\';
      shown += c;
    } else {
      shown += c;
    }
  }
  if (text.size() > kMaxShown) shown += "...";
  return "\"" + shown + "\"";
}

[[noreturn]] void Fail(const ConfigEntry& entry, const std::string& problem) {
  throw UserError(entry.where + ": " + problem);
}

bool IsAllDigits(const std::string& text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A plain decimal or scientific number; rejects YAML's .inf/.nan, hex and anything else.
bool ParseNumberText(const std::string& text, double* value) {
  if (text.empty()) return false;
  for (char c : text) {
    bool allowed =
        (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
    if (!allowed) return false;
  }
  // An overflow yields +-HUGE_VAL (inf), which every range rejects.
  char* end = nullptr;
  *value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

std::string FormatBound(double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::ostringstream out;
  if (value == std::floor(value) && std::fabs(value) < 1e18) {
    out << static_cast<long long>(value);
  } else {
    out.precision(15);
    out << value;
  }
  return out.str();
}

}  // namespace

std::string DescribeValue(const ConfigEntry& entry) {
  switch (entry.kind) {
    case ConfigEntry::Kind::kMap:
      return "a map";
    case ConfigEntry::Kind::kSequence:
      return "a sequence";
    case ConfigEntry::Kind::kNull:
      return "an empty value";
    case ConfigEntry::Kind::kScalar:
      break;
  }
  return entry.plain ? Quote(entry.text) : "the string " + Quote(entry.text);
}

uint64_t ReadUnsignedEntry(const ConfigEntry& entry) {
  const std::string expected = "expected an unsigned integer, got ";
  if (entry.kind != ConfigEntry::Kind::kScalar || !entry.plain || !IsAllDigits(entry.text)) {
    Fail(entry, expected + DescribeValue(entry));
  }
  if (entry.text.size() > 1 && entry.text[0] == '0') {
    Fail(entry, expected + Quote(entry.text) + " (leading zeros are ambiguous in YAML)");
  }
  errno = 0;
  uint64_t value = std::strtoull(entry.text.c_str(), nullptr, 10);
  if (errno == ERANGE) value = std::numeric_limits<uint64_t>::max();  // out of every range
  return value;
}

double ReadNumberEntry(const ConfigEntry& entry) {
  double value = 0;
  if (entry.kind != ConfigEntry::Kind::kScalar || !entry.plain ||
      !ParseNumberText(entry.text, &value)) {
    Fail(entry, "expected a number, got " + DescribeValue(entry));
  }
  return value;
}

ConfigParam::ConfigParam(std::string key, Uint32Field field)
    : key_(std::move(key)),
      type_(Type::kUnsigned),
      field_(field),
      min_{0, true},
      max_{static_cast<double>(std::numeric_limits<uint32_t>::max()), true} {}

ConfigParam::ConfigParam(std::string key, Uint64Field field)
    : key_(std::move(key)),
      type_(Type::kUnsigned),
      field_(field),
      min_{0, true},
      max_{kInfinity, false} {}

ConfigParam::ConfigParam(std::string key, NumberField field)
    : key_(std::move(key)),
      type_(Type::kNumber),
      field_(field),
      min_{-kInfinity, false},
      max_{kInfinity, false} {}

ConfigParam::ConfigParam(std::string key, StringField field)
    : key_(std::move(key)), type_(Type::kString), field_(field), min_{}, max_{} {}

ConfigParam::ConfigParam(std::string key, BoolField field)
    : key_(std::move(key)), type_(Type::kBool), field_(field), min_{}, max_{} {
  choices_ = {"true", "false"};
}

ConfigParam::ConfigParam(std::string key, TimingModelField field)
    : key_(std::move(key)), type_(Type::kEnum), field_(field), min_{}, max_{} {
  for (TimingModel model : kTimingModels) choices_.push_back(TimingModelName(model));
}

ConfigParam& ConfigParam::Unit(std::string unit) {
  unit_ = std::move(unit);
  return *this;
}

ConfigParam& ConfigParam::Desc(std::string description) {
  description_ = std::move(description);
  return *this;
}

ConfigParam& ConfigParam::Min(double bound) {
  min_ = {bound, true};
  return *this;
}

ConfigParam& ConfigParam::MinExclusive(double bound) {
  min_ = {bound, false};
  return *this;
}

ConfigParam& ConfigParam::Max(double bound) {
  AIE2SIM_CHECK(!(type_ == Type::kUnsigned && std::holds_alternative<Uint32Field>(field_) &&
                  bound > std::numeric_limits<uint32_t>::max()),
                key_ + ": maximum exceeds its 32-bit field");
  max_ = {bound, true};
  return *this;
}

ConfigParam& ConfigParam::Optional() {
  required_ = false;
  return *this;
}

ConfigParam& ConfigParam::AllowEmpty() {
  allow_empty_ = true;
  return *this;
}

ConfigParam& ConfigParam::Compiled() {
  compiled_ = true;
  return *this;
}

std::string ConfigParam::ValueText(const HardwareConfig& config) const {
  // The accessors take a mutable config (they also store values): read from a copy.
  HardwareConfig copy = config;
  struct Text {
    HardwareConfig& config;
    std::string operator()(Uint32Field field) const { return std::to_string(field(config)); }
    std::string operator()(Uint64Field field) const { return std::to_string(field(config)); }
    std::string operator()(NumberField field) const {
      char text[32];
      std::snprintf(text, sizeof(text), "%.17g", field(config));
      return text;
    }
    std::string operator()(StringField field) const { return field(config); }
    std::string operator()(TimingModelField field) const {
      return std::string(TimingModelName(field(config)));
    }
    std::string operator()(BoolField field) const { return field(config) ? "true" : "false"; }
  };
  return std::visit(Text{copy}, field_);
}

std::string ConfigParam::RangeText() const {
  switch (type_) {
    case Type::kUnsigned:
    case Type::kNumber:
      return (min_.inclusive ? "[" : "(") + FormatBound(min_.value) + ", " +
             FormatBound(max_.value) + (max_.inclusive ? "]" : ")");
    case Type::kEnum:
    case Type::kBool: {
      std::string text;
      for (const std::string& choice : choices_) text += (text.empty() ? "" : " | ") + choice;
      return "[" + text + "]";
    }
    case Type::kString:
      break;
  }
  return "";
}

std::string ConfigParam::TypeNoun() const {
  switch (type_) {
    case Type::kUnsigned:
      return "an unsigned integer";
    case Type::kNumber:
      return "a number";
    case Type::kString:
      return "a string";
    case Type::kEnum:
    case Type::kBool: {
      std::string noun;
      for (size_t i = 0; i < choices_.size(); ++i) {
        if (i > 0) noun += i + 1 == choices_.size() ? " or " : ", ";
        noun += choices_[i];
      }
      return noun;
    }
  }
  return "a value";
}

void ConfigParam::CheckKind(const ConfigEntry& entry) const {
  if (entry.kind != ConfigEntry::Kind::kScalar) {
    Fail(entry, "expected " + TypeNoun() + ", got " + DescribeValue(entry));
  }
}

void ConfigParam::CheckRange(const ConfigEntry& entry, double value) const {
  bool above_min = min_.inclusive ? value >= min_.value : value > min_.value;
  bool below_max = max_.inclusive ? value <= max_.value : value < max_.value;
  if (!above_min || !below_max) Fail(entry, entry.text + " is out of range " + RangeText());
}

double ConfigParam::NumberIn(const HardwareConfig& config) const {
  // The field accessors take a mutable config (they also store): read through a copy.
  HardwareConfig copy = config;
  if (const auto* field = std::get_if<Uint32Field>(&field_)) return (*field)(copy);
  if (const auto* field = std::get_if<Uint64Field>(&field_)) {
    return static_cast<double>((*field)(copy));
  }
  if (const auto* field = std::get_if<NumberField>(&field_)) return (*field)(copy);
  throw InternalError(key_ + ": not a numeric key");
}

void ConfigParam::Apply(const ConfigEntry& entry, HardwareConfig& config) const {
  switch (type_) {
    case Type::kUnsigned: {
      uint64_t value = ReadUnsignedEntry(entry);
      CheckRange(entry, static_cast<double>(value));
      if (auto* field = std::get_if<Uint32Field>(&field_)) {
        (*field)(config) = static_cast<uint32_t>(value);  // the range keeps it within 32 bits
      } else {
        std::get<Uint64Field>(field_)(config) = value;
      }
      return;
    }
    case Type::kNumber: {
      CheckKind(entry);
      const double value = ReadNumberEntry(entry);
      CheckRange(entry, value);
      std::get<NumberField>(field_)(config) = value;
      return;
    }
    case Type::kString:
      if (entry.kind == ConfigEntry::Kind::kNull && allow_empty_) {  // "description:" alone
        std::get<StringField>(field_)(config).clear();
        return;
      }
      CheckKind(entry);
      if (entry.text.empty() && !allow_empty_) Fail(entry, "expected a non-empty string");
      std::get<StringField>(field_)(config) = entry.text;
      return;
    case Type::kEnum:
      CheckKind(entry);
      for (TimingModel model : kTimingModels) {
        if (entry.text == TimingModelName(model)) {
          std::get<TimingModelField>(field_)(config) = model;
          return;
        }
      }
      Fail(entry, "expected " + TypeNoun() + ", got " + Quote(entry.text));
    case Type::kBool:
      CheckKind(entry);
      // Only YAML 1.2's plain true/false: yaml-cpp would also take yes/no/on/off and quoted text.
      if (entry.plain && (entry.text == "true" || entry.text == "false")) {
        std::get<BoolField>(field_)(config) = entry.text == "true";
        return;
      }
      Fail(entry, "expected " + TypeNoun() + ", got " + DescribeValue(entry));
  }
}

}  // namespace aie2sim::arch
