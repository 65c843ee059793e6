# Issue 6, study: the InP MQW ridge laser (examples/inp_laser) at reduced resolution against
# the transfer-matrix slab, the effective-index ridge, the plane-wave-spectrum facet
# reflectivity and far field, and the Gaussian divergence estimate.
add_test(NAME study_laser COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/study_laser_test.py $<TARGET_FILE:pfdtd>)
set_tests_properties(study_laser PROPERTIES TIMEOUT 600)
