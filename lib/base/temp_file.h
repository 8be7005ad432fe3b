// An unlinked temporary file: in $TMPDIR (or /tmp), gone from the directory
// as soon as it is made, so that nothing is left behind however the process
// ends. Used for copies of input that cannot be mapped (input_spool.h) and
// for columns parked out of memory (spill_file.h).
#ifndef HEAPSLEUTH_LIB_BASE_TEMP_FILE_H_
#define HEAPSLEUTH_LIB_BASE_TEMP_FILE_H_

#include <string>

namespace heapsleuth {

struct TempFile {
  int fd = -1;            // -1 when none could be made; errno says why.
  std::string directory;  // Where it was made (or tried), for messages.
};

TempFile OpenUnlinkedTempFile();

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_TEMP_FILE_H_
