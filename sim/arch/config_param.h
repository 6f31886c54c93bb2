// ConfigParam: one HardwareConfig key in the schema table — its dotted key, the field it fills,
// its type, unit, description and range — and how a value of that key is read and checked.
//
// Declared builder-style, in the spirit of Ramulator 2's param<T>("name").desc(..).required():
//   ConfigParam("array.rows", field).Unit("rows").Desc("core rows per column").Min(1).Max(32)
// Every parameter is required unless declared Optional(); there are no silent defaults.
// Apply() throws UserError "WHERE: problem" (WHERE from the entry) for a value of the wrong kind,
// the wrong type or out of range, and otherwise stores the value in the config.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "sim/arch/config_entry.h"
#include "sim/arch/hardware_config.h"

namespace aie2sim::arch {

class ConfigParam {
 public:
  // Accessors to the field a key fills (captureless lambdas convert to these).
  using Uint32Field = uint32_t& (*)(HardwareConfig&);
  using Uint64Field = uint64_t& (*)(HardwareConfig&);
  using NumberField = double& (*)(HardwareConfig&);
  using StringField = std::string& (*)(HardwareConfig&);
  using TimingModelField = TimingModel& (*)(HardwareConfig&);
  using BoolField = bool& (*)(HardwareConfig&);

  enum class Type { kUnsigned, kNumber, kString, kEnum, kBool };

  ConfigParam(std::string key, Uint32Field field);
  ConfigParam(std::string key, Uint64Field field);
  ConfigParam(std::string key, NumberField field);
  ConfigParam(std::string key, StringField field);
  ConfigParam(std::string key, TimingModelField field);  // enum: the TimingModelName()s
  ConfigParam(std::string key, BoolField field);         // plain true or false only

  // Builder. The range of a numeric key is [0, inf) for unsigned and (-inf, inf) for numbers
  // until narrowed; MinExclusive/MaxExclusive make that bound open.
  ConfigParam& Unit(std::string unit);
  ConfigParam& Desc(std::string description);
  ConfigParam& Min(double bound);
  ConfigParam& MinExclusive(double bound);
  ConfigParam& Max(double bound);
  ConfigParam& Optional();
  // A string key that may be "" or left empty; other strings must be non-empty.
  ConfigParam& AllowEmpty();
  // The compiler depends on this key (geometry, capacities, channel, BD and lock counts): it is
  // in the config hash a Program carries (config_hash.h). Timing keys never are.
  ConfigParam& Compiled();

  const std::string& key() const { return key_; }
  Type type() const { return type_; }
  const std::string& unit() const { return unit_; }
  const std::string& description() const { return description_; }
  bool required() const { return required_; }
  bool compiled() const { return compiled_; }

  // "[1, 32]", "(0, 1]", "[0, inf)" for numbers; "[paper | realistic]" for enums;
  // "[true | false]" for switches; "" for strings.
  std::string RangeText() const;

  // Checks `entry` against this key's type and range and stores it in `config`.
  void Apply(const ConfigEntry& entry, HardwareConfig& config) const;
  // The value of a numeric key (unsigned or number) in `config`; InternalError for other types.
  double NumberIn(const HardwareConfig& config) const;

  // The value of this key in `config` as canonical text (integers in decimal, numbers with 17
  // significant digits, enums and switches by name), e.g. for the config hash.
  std::string ValueText(const HardwareConfig& config) const;

 private:
  struct Bound {
    double value;
    bool inclusive;
  };

  std::string TypeNoun() const;  // "an unsigned integer", "a number", ...
  void CheckKind(const ConfigEntry& entry) const;
  void CheckRange(const ConfigEntry& entry, double value) const;

  std::string key_;
  Type type_;
  std::variant<Uint32Field, Uint64Field, NumberField, StringField, TimingModelField, BoolField>
      field_;
  std::string unit_;
  std::string description_;
  Bound min_;
  Bound max_;
  bool required_ = true;
  bool allow_empty_ = false;
  bool compiled_ = false;
  std::vector<std::string> choices_;  // enum values, in declaration order
};

// What a value is, for "expected X, got Y": "a map", "a sequence", "an empty value", "\"abc\"" or
// "the string \"16\"" (quoted or tagged, so not a number).
std::string DescribeValue(const ConfigEntry& entry);

// Reads an entry as an unsigned integer (no range check); throws "WHERE: expected an unsigned
// integer, got ..." otherwise. For checks that need the number before the full validation.
uint64_t ReadUnsignedEntry(const ConfigEntry& entry);

// Reads an entry as a plain decimal or scientific number (no range check); throws "WHERE:
// expected a number, got ..." otherwise. Shared with other strict YAML files (calibration).
double ReadNumberEntry(const ConfigEntry& entry);

}  // namespace aie2sim::arch
