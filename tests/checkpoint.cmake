# Checkpoints (io/checkpoint.cpp): one rank under GoogleTest, then a checkpoint written on
# some ranks and read back on others (other splits of every box, empty pieces included),
# checked bit for bit by tests/checkpoint_mpi.cpp under mpirun.
add_executable(test_checkpoint test_checkpoint.cpp)
target_link_libraries(test_checkpoint PRIVATE pfdtd_io hdf5::hdf5 GTest::gtest_main)
gtest_discover_tests(test_checkpoint DISCOVERY_TIMEOUT 60)

add_executable(checkpoint_mpi checkpoint_mpi.cpp)
target_link_libraries(checkpoint_mpi PRIVATE pfdtd_io)

# checkpoint_mpi_<name>: `ranks` ranks run `checkpoint_mpi <mode> <dir> <axis>`; reads need
# the fixture of the write into the same dir.
function(pfdtd_checkpoint_mpi_test name ranks mode dir axis fixture)
  add_test(NAME checkpoint_mpi_${name}
           COMMAND ${MPIEXEC_EXECUTABLE} --oversubscribe ${MPIEXEC_NUMPROC_FLAG} ${ranks}
                   $<TARGET_FILE:checkpoint_mpi> ${mode} ${CMAKE_CURRENT_BINARY_DIR}/${dir} ${axis})
  set_tests_properties(checkpoint_mpi_${name} PROPERTIES TIMEOUT 120
    ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1;OMP_NUM_THREADS=1")
  if(mode STREQUAL "write")
    set_tests_properties(checkpoint_mpi_${name} PROPERTIES FIXTURES_SETUP ${fixture})
  else()
    set_tests_properties(checkpoint_mpi_${name} PROPERTIES FIXTURES_REQUIRED ${fixture})
  endif()
endfunction()

pfdtd_checkpoint_mpi_test(write_2z 2 write checkpoint_2z z checkpoint_2z)
pfdtd_checkpoint_mpi_test(read_3x 3 read checkpoint_2z x checkpoint_2z)
pfdtd_checkpoint_mpi_test(read_1 1 read checkpoint_2z y checkpoint_2z)
pfdtd_checkpoint_mpi_test(missing_array_3 3 mismatch checkpoint_2z y checkpoint_2z)
pfdtd_checkpoint_mpi_test(write_3x 3 write checkpoint_3x x checkpoint_3x)
pfdtd_checkpoint_mpi_test(read_2y 2 read checkpoint_3x y checkpoint_3x)
