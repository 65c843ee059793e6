# Mach-Zehnder modulator study (examples/mzm): phase shifter, MMI and MZI at reduced resolution.
add_test(NAME study_mzm COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/study_mzm_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(study_mzm PROPERTIES TIMEOUT 600)
