# Bundles the HTML reports' ES modules (sim/report/js/*.js) into one classic script, so that a
# report is one self-contained file that needs no module loader, no network and no Node.
# Run as: cmake -DOUT=bundle.js -DDIR=sim/report/js "-DMODULES=a.js;b.js;..." -P js_bundle.cmake
#
# The modules keep to a subset of ES-module syntax that plain concatenation can resolve:
#  - imports are single lines `import { a, b } from './module.js';` naming modules of the bundle;
#    every imported name must be exported by that module (checked here: a typo fails the build);
#  - exports are `export function|class|const|let NAME` at the start of a line;
#  - top-level names are unique across the bundle (they share one scope), and a module's
#    top-level code only uses what modules before it in MODULES define.
# The output is the modules in MODULES order, imports removed and `export ` dropped, inside one
# strict-mode function.
set(out "/* aie2sim HTML report script, bundled from sim/report/js by js_bundle.cmake: do not edit.\n")
string(REPLACE ";" ", " module_names "${MODULES}")
string(APPEND out " * Modules: ${module_names} */\n(function () {\n'use strict';\n")
foreach(module ${MODULES})
  file(READ "${DIR}/${module}" text_${module})
endforeach()
foreach(module ${MODULES})
  set(text "\n${text_${module}}")
  string(REGEX MATCHALL "\nimport [^\n]*" imports "${text}")
  foreach(line ${imports})
    # (CMake splits the matches at each line's closing ';', leaving empty items foreach skips.)
    if(NOT line MATCHES "^\nimport { ([A-Za-z0-9_$, ]+) } from '\\./([a-z0-9_]+\\.js)'$")
      message(FATAL_ERROR "${module}: not a one-line import the bundle understands: ${line}")
    endif()
    set(names "${CMAKE_MATCH_1}")
    set(source "${CMAKE_MATCH_2}")
    if(NOT DEFINED text_${source})
      message(FATAL_ERROR "${module}: imports ${source}, which is not in the bundle")
    endif()
    string(REPLACE ", " ";" names "${names}")
    foreach(name ${names})
      if(NOT "\n${text_${source}}" MATCHES "\nexport (function|class|const|let) ${name}[ (=]")
        message(FATAL_ERROR "${module}: imports ${name} from ${source}, which does not export it")
      endif()
    endforeach()
  endforeach()
  string(REGEX REPLACE "\nimport [^\n]*" "" text "${text}")
  string(REPLACE "\nexport " "\n" text "${text}")
  string(APPEND out "\n// ---- ${module} ----${text}")
endforeach()
string(APPEND out "})();\n")
file(WRITE "${OUT}.tmp" "${out}")
file(RENAME "${OUT}.tmp" "${OUT}")
