# Issue 6, grating coupler study (examples/grating_coupler) at 20 cells/um with a two-point
# period sweep: published CE and 1-dB bandwidth, the grating equation, Gaussian-overlap
# alignment windows and the power balance.
add_test(NAME study_grating COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/study_grating_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(study_grating PROPERTIES TIMEOUT 600)
