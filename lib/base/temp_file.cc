#include "lib/base/temp_file.h"

#include <unistd.h>

#include <cstdlib>

#include "lib/base/str_cat.h"

namespace heapsleuth {

TempFile OpenUnlinkedTempFile() {
  const char* dir = std::getenv("TMPDIR");
  TempFile file;
  file.directory = dir != nullptr && *dir != '\0' ? dir : "/tmp";
  std::string pattern = StrCat(file.directory, "/heapsleuth-XXXXXX");
  file.fd = ::mkstemp(pattern.data());
  if (file.fd >= 0) ::unlink(pattern.c_str());
  return file;
}

}  // namespace heapsleuth
