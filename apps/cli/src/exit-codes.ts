/** Exit codes of the `bounce` command (listed in `bounce --help`). */
export const EXIT_OK = 0;
/** At least one input could not be read or parsed (each named on stderr); the others were parsed. */
export const EXIT_INPUT_ERROR = 1;
/** Bad command line: unknown option, missing PATH, conflicting formats. */
export const EXIT_USAGE = 2;
/** Output could not be written (disk full, ...). A reader closing the pipe early (`| head`) is not an error. */
export const EXIT_OUTPUT_ERROR = 3;
