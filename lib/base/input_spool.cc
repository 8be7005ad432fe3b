#include "lib/base/input_spool.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "lib/base/status_macros.h"
#include "lib/base/str_cat.h"
#include "lib/base/temp_file.h"

namespace heapsleuth {
namespace {

constexpr size_t kChunk = 1 << 20;

absl::Status ErrnoError(std::string_view what) {
  return absl::UnavailableError(StrCat(what, ": ", std::strerror(errno)));
}

// The unlinked temporary file, and the count that enforces max_bytes.
class Spool {
 public:
  Spool(const std::string& name, uint64_t max_bytes) : name_(name), max_bytes_(max_bytes) {}
  ~Spool() {
    if (fd_ >= 0) ::close(fd_);
  }

  absl::Status Create() {
    TempFile file = OpenUnlinkedTempFile();
    fd_ = file.fd;
    directory_ = std::move(file.directory);
    if (fd_ < 0) return ErrnoError(StrCat(name_, ": cannot make a temporary file in ", directory_));
    return absl::OkStatus();
  }

  absl::Status Write(const char* data, size_t size) {
    if (size > max_bytes_ - written_) {
      return absl::ResourceExhaustedError(
          StrCat(name_, ": byte ", max_bytes_, ": input that cannot be mapped as it is (stdin, a pipe, ",
                 "a compressed file) is limited to ", max_bytes_, " bytes; raise --max-memory"));
    }
    // The first byte decides whether this can be a snapshot at all.
    if (written_ == 0 && size > 0) looks_like_json_ = LooksLikeJsonObject(data, size);
    while (size > 0) {
      const ssize_t n = ::write(fd_, data, size);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError(StrCat(name_, ": cannot write the temporary copy in ", directory_));
      }
      data += n;
      size -= static_cast<size_t>(n);
      written_ += static_cast<uint64_t>(n);
    }
    return absl::OkStatus();
  }

  uint64_t written() const { return written_; }
  // False once the output started with something other than a JSON object.
  bool worth_continuing() const { return looks_like_json_; }

  int Release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }

 private:
  static bool LooksLikeJsonObject(const char* data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
      const char c = data[i];
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
      return c == '{';
    }
    return true;  // All whitespace so far: not decided yet.
  }

  std::string name_, directory_;
  uint64_t max_bytes_, written_ = 0;
  int fd_ = -1;
  bool looks_like_json_ = true;
};

// Feeds `input` (compressed bytes at `offset` in the source) to a decoder.
using Decoder = std::function<absl::Status(std::string_view input, uint64_t offset)>;

absl::Status Truncated(const std::string& name, std::string_view format, uint64_t offset) {
  return absl::InvalidArgumentError(
      StrCat(name, ": byte ", offset, ": the ", format, " data ends before its end (truncated?)"));
}

}  // namespace

Compression DetectCompression(std::string_view first_bytes) {
  if (first_bytes.substr(0, 2) == "\x1f\x8b") return Compression::kGzip;
  if (first_bytes.substr(0, 4) == "\x28\xb5\x2f\xfd") return Compression::kZstd;
  return Compression::kNone;
}

absl::StatusOr<SpooledInput> SpoolToTemporaryFile(int fd, const std::string& name, uint64_t input_size,
                                                  uint64_t max_bytes, Progress& progress) {
  Spool spool(name, max_bytes);
  HS_RETURN_IF_ERROR(spool.Create());
  std::vector<char> in(kChunk), out(kChunk);

  // Decoders keep their state across chunks; `finished` says whether the
  // compressed stream may end where the input ends.
  bool finished = true;
  std::unique_ptr<z_stream, void (*)(z_stream*)> gzip(nullptr, [](z_stream* z) {
    inflateEnd(z);
    delete z;
  });
  std::unique_ptr<ZSTD_DStream, size_t (*)(ZSTD_DStream*)> zstd(nullptr, ZSTD_freeDStream);
  Decoder decode;
  Compression compression = Compression::kNone;

  // Checked after every step of a decoder, so that a bomb is stopped within
  // a buffer's worth of output.
  auto check_expansion = [&](uint64_t consumed) -> absl::Status {
    if (spool.written() > (64 << 20) && spool.written() / kMaxExpansion > consumed) {
      return absl::InvalidArgumentError(StrCat(name, ": byte ", consumed, ": ", consumed,
                                               " bytes inflate to ", spool.written(), ", more than ",
                                               kMaxExpansion,
                                               " times their size: a decompression bomb, not a heap snapshot"));
    }
    return absl::OkStatus();
  };

  uint64_t offset = 0;
  progress.Stage("Decompressing", input_size, ProgressUnit::kBytes);
  while (spool.worth_continuing()) {
    ssize_t n = ::read(fd, in.data(), in.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return ErrnoError(StrCat(name, ": read failed"));
    }
    if (n == 0) break;
    const std::string_view input(in.data(), static_cast<size_t>(n));
    if (!decode) {
      compression = DetectCompression(input);
      switch (compression) {
        case Compression::kNone:
          decode = [&](std::string_view bytes, uint64_t) { return spool.Write(bytes.data(), bytes.size()); };
          break;
        case Compression::kGzip:
          gzip.reset(new z_stream{});
          if (inflateInit2(gzip.get(), 15 + 16) != Z_OK) return absl::InternalError("zlib: inflateInit2 failed");
          decode = [&](std::string_view bytes, uint64_t at) -> absl::Status {
            z_stream& z = *gzip;
            z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
            z.avail_in = static_cast<uInt>(bytes.size());
            // Until the input is used up and the output buffer was not
            // filled (a full buffer may mean more output is pending).
            do {
              if (finished && z.avail_in > 0) {
                // A new gzip member starts here (or the first one).
                if (inflateReset(&z) != Z_OK) return absl::InternalError("zlib: inflateReset failed");
                finished = false;
              }
              z.next_out = reinterpret_cast<Bytef*>(out.data());
              z.avail_out = static_cast<uInt>(out.size());
              const int result = inflate(&z, Z_NO_FLUSH);
              if (result != Z_OK && result != Z_STREAM_END && result != Z_BUF_ERROR) {
                return absl::InvalidArgumentError(StrCat(name, ": byte ",
                                                         at + (bytes.size() - z.avail_in), ": gzip: ",
                                                         z.msg != nullptr ? z.msg : "corrupt data"));
              }
              HS_RETURN_IF_ERROR(spool.Write(out.data(), out.size() - z.avail_out));
              HS_RETURN_IF_ERROR(check_expansion(at + (bytes.size() - z.avail_in)));
              if (result == Z_STREAM_END) finished = true;
            } while ((z.avail_in > 0 || z.avail_out == 0) && spool.worth_continuing());
            return absl::OkStatus();
          };
          finished = true;
          break;
        case Compression::kZstd:
          zstd.reset(ZSTD_createDStream());
          if (zstd == nullptr) return absl::InternalError("zstd: cannot create a decompression stream");
          decode = [&](std::string_view bytes, uint64_t at) -> absl::Status {
            ZSTD_inBuffer zin{bytes.data(), bytes.size(), 0};
            bool output_full = false;  // More output may be pending.
            while ((zin.pos < zin.size || output_full) && spool.worth_continuing()) {
              ZSTD_outBuffer zout{out.data(), out.size(), 0};
              const size_t result = ZSTD_decompressStream(zstd.get(), &zout, &zin);
              if (ZSTD_isError(result)) {
                return absl::InvalidArgumentError(
                    StrCat(name, ": byte ", at + zin.pos, ": zstd: ", ZSTD_getErrorName(result)));
              }
              HS_RETURN_IF_ERROR(spool.Write(out.data(), zout.pos));
              HS_RETURN_IF_ERROR(check_expansion(at + zin.pos));
              finished = result == 0;  // 0: a frame is complete and flushed.
              output_full = zout.pos == zout.size;
            }
            return absl::OkStatus();
          };
          finished = false;
          break;
      }
    }
    HS_RETURN_IF_ERROR(decode(input, offset));
    offset += static_cast<uint64_t>(n);
    progress.Advance(offset);
  }
  if (spool.worth_continuing() && !finished) {
    return Truncated(name, gzip != nullptr ? "gzip" : "zstd", offset);
  }
  const int spooled = spool.Release();
  if (::lseek(spooled, 0, SEEK_SET) != 0) {
    const absl::Status status = ErrnoError(StrCat(name, ": cannot rewind the temporary copy"));
    ::close(spooled);
    return status;
  }
  return SpooledInput{spooled, compression};
}

}  // namespace heapsleuth
