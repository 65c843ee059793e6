# ParaView opens pfdtd's VTKHDF snapshots, time series, DFT views and permittivity (issue 5):
# tests/paraview_test.py runs pfdtd, then tests/paraview_check.py in pvpython under xvfb-run
# (Debian's ParaView renders only with an X server). Registered only where both exist
# (`paraview` and `xvfb` packages, scripts/install-deps.sh).
find_program(PFDTD_PVPYTHON pvpython)
find_program(PFDTD_XVFB_RUN xvfb-run)
if(PFDTD_PVPYTHON AND PFDTD_XVFB_RUN)
  add_test(NAME paraview
           COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/paraview_test.py $<TARGET_FILE:pfdtd>
                   ${PFDTD_PVPYTHON} ${PFDTD_XVFB_RUN})
  # pfdtd runs take ~2 s and the check ~5 s; the driver kills a hung pvpython after 120 s.
  set_tests_properties(paraview PROPERTIES TIMEOUT 300)
else()
  message(STATUS "pfdtd: pvpython or xvfb-run not found, the paraview test is skipped")
endif()
