# Ring modulator study (examples/ring_modulator) at reduced resolution: resonance, FSR, loaded
# Q, extinction, pm/V and pm/K against their references (study_ring_test.py).
add_test(NAME study_ring COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/study_ring_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(study_ring PROPERTIES TIMEOUT 900)
