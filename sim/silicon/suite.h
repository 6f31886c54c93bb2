// The silicon reference suite: a folder of point entries (suite_entry.h, one *.yaml file each)
// and its `suite.yaml`, which names the simulator config keys fitted to the calibration points:
//
//   name: npu1
//   parameters:                      fitted by `aie2sim calibrate --suite`, in this order
//     - key: host.dispatch_us        a config key (aie2sim config-keys)
//       lower: 10                    bounds of the fit (the fit works on log(value))
//       upper: 1000
//       from: [D10]                  the calibration points it is set from
//
// Contract: ids are unique; a parameter's `from` names calibration points only (a held-out
// or not-modelled point there is refused, exit 2): no parameter is set from a held-out design.
#pragma once

#include <string>
#include <vector>

#include "sim/silicon/suite_entry.h"

namespace aie2sim::silicon {

struct FittedParameter {
  std::string key;
  double lower = 0;
  double upper = 0;
  std::vector<std::string> from;
};

struct Suite {
  std::string folder;
  std::string name;
  std::vector<FittedParameter> parameters;
  std::vector<SuiteEntry> entries;  // sorted by file name

  const SuiteEntry* Find(const std::string& id) const;
};

Suite LoadSuite(const std::string& folder);

}  // namespace aie2sim::silicon
