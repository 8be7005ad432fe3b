// An output file that appears whole or not at all.
//
// Bytes go to a temporary file created next to the destination (same folder,
// so the same file system), and Commit() flushes, fsyncs and renames it into
// place: rename() replaces the destination atomically, so a reader, or a run
// that is interrupted or fails, sees the old file (or none), never half a
// report. Dropping an AtomicFile without Commit() removes the temporary file.
// A process killed outright (SIGKILL, power loss) may leave the temporary
// file, named "<destination>.tmp-XXXXXX", behind; never a partial destination.
#ifndef HEAPSLEUTH_LIB_BASE_ATOMIC_FILE_H_
#define HEAPSLEUTH_LIB_BASE_ATOMIC_FILE_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace heapsleuth {

class AtomicFile {
 public:
  // Creates the temporary file for `path`. Fails (naming `path`) when its
  // folder does not exist or is not writable, or `path` is a directory.
  static absl::StatusOr<std::unique_ptr<AtomicFile>> Create(const std::string& path);

  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Where to write; valid until Commit() or destruction.
  std::FILE* stream() { return stream_; }
  const std::string& temp_path() const { return temp_path_; }

  // Makes the written bytes the content of the destination. After a failed
  // Commit() the destination is untouched and the temporary file is gone.
  absl::Status Commit();

 private:
  AtomicFile(std::string path, std::string temp_path, std::FILE* stream)
      : path_(std::move(path)), temp_path_(std::move(temp_path)), stream_(stream) {}

  std::string path_;
  std::string temp_path_;
  std::FILE* stream_;  // Null once closed.
  bool committed_ = false;
};

// Writes `text` to `path` through an AtomicFile.
absl::Status WriteFileAtomically(const std::string& path, std::string_view text);

}  // namespace heapsleuth

#endif  // HEAPSLEUTH_LIB_BASE_ATOMIC_FILE_H_
