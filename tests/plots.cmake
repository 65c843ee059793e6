# scripts/plot.py (issue 6, docs/plots.md): tiny scenes produce every kind of output, every
# subcommand plots them (PNG size, not blank), the readers are checked against independent
# data and bad input exits 1 naming the file and the dataset. ~20 s of CPU on an idle machine.
add_test(NAME plots COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/plots_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(plots PROPERTIES TIMEOUT 300)
