# Issue 6, study 1: the SOI bend study (examples/soi_bend) at 20 cells/um against the
# conformal-transformation reference, the straight guide's T = 1 and Euler < circular.
add_test(NAME study_bend COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/study_bend_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(study_bend PROPERTIES TIMEOUT 600)
