# Issue 5: runs on 1-4 MPI ranks give bitwise the same outputs; a run stopped by a signal
# resumes from its checkpoint on another number of ranks with the same result.
add_test(NAME mpi_rank_independence
         COMMAND /usr/bin/python3 ${CMAKE_CURRENT_SOURCE_DIR}/mpi_test.py $<TARGET_FILE:pfdtd> ${MPIEXEC_EXECUTABLE})
set_tests_properties(mpi_rank_independence PROPERTIES TIMEOUT 1200
  ENVIRONMENT "OMPI_ALLOW_RUN_AS_ROOT=1;OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1")
