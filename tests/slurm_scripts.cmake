# HPC deployment pieces that need neither Slurm nor a GPU here:
# - the Slurm job templates (scripts/slurm): bash syntax of both, and the run template's
#   resubmission chain (exit 5 -> resubmitted with --resume, exit 0 -> not, the cap honoured,
#   SIGUSR1 forwarded to the step) against fake srun/sbatch commands;
# - the scaling model: its own consistency checks, and docs/scaling.md's full tables equal
#   to what scripts/scaling_model.py prints (the page cannot drift from its parameters).
add_test(NAME slurm_templates COMMAND bash ${PROJECT_SOURCE_DIR}/scripts/slurm/check-templates.sh)
set_tests_properties(slurm_templates PROPERTIES TIMEOUT 60)
add_test(NAME scaling_model COMMAND /usr/bin/python3 ${PROJECT_SOURCE_DIR}/scripts/scaling_model.py --check
                                    --doc ${PROJECT_SOURCE_DIR}/docs/scaling.md)
set_tests_properties(scaling_model PROPERTIES TIMEOUT 60)
