# Turns a text file (the HTML report's JavaScript or CSS) into a C++ header holding it as
# raw-string chunks, so the report is one self-contained file and the binary needs nothing at
# run time. Run as: cmake -DIN=file.js -DOUT=file.h -DNAME=kName -P html_report_embed.cmake
# The header defines `inline const char* const NAME[]` (null-terminated list of pieces); each
# piece stays well below compilers' string-literal limits.
file(READ "${IN}" text)
string(LENGTH "${text}" length)
set(out "// Generated from ${IN} by html_report_embed.cmake: do not edit.\n#pragma once\n")
string(APPEND out "inline const char* const ${NAME}[] = {\n")
set(chunk 8000)
set(offset 0)
while(offset LESS length)
  string(SUBSTRING "${text}" ${offset} ${chunk} piece)
  string(APPEND out "R\"aie2sim_embed(${piece})aie2sim_embed\",\n")
  math(EXPR offset "${offset} + ${chunk}")
endwhile()
string(APPEND out "nullptr};\n")
file(WRITE "${OUT}.tmp" "${out}")
file(RENAME "${OUT}.tmp" "${OUT}")
