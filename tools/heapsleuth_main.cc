// heapsleuth: the git-style front. `heapsleuth <verb> ARGS` runs
// `heapsleuth-<verb> ARGS`, looked up next to this executable first, then on
// PATH. `heapsleuth --help` lists the tools it finds.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "tools/tool_support.h"

namespace {

namespace fs = std::filesystem;

// One line per tool for --help; tools found on disk but not listed here are
// shown without a description.
const std::map<std::string, std::string>& Descriptions() {
  static const std::map<std::string, std::string> descriptions = {
      {"summary", "totals and the classes that retain the most (DevTools' Summary and Statistics)"},
      {"nodes", "every node with its sizes, distance, dominator and detachedness, as TSV or JSON Lines"},
      {"query", "the nodes that match a filter: class == \"X\" and retained > 1MB, sorted, limited"},
      {"retainers", "what keeps an object alive: shortest paths from the GC roots, DevTools' Retainers view"},
      {"dominators", "the dominator tree top-down: what each object alone keeps alive"},
      {"inspect", "one object in full: sizes, location, string text, closure variables, edges"},
      {"diff", "what grew between two snapshots (DevTools' Comparison view + retained sizes), with a CI gate"},
      {"leaks", "what leaks, why it is alive and where to look: three-snapshot method and leak-pattern detectors, with a CI gate"},
      {"growth", "what grows at every step over a series of snapshots (classes, Arrays, Maps, Sets, dictionaries), with a CI gate"},
      {"report", "one self-contained HTML page: summary, statistics chart, dominator treemap, class table"},
      {"index", "write FILE.hsidx, a binary index every tool then opens instead of parsing FILE (mapped, under a second)"},
  };
  return descriptions;
}

fs::path SelfDirectory() {
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  return error ? fs::path() : self.parent_path();
}

std::vector<std::string> FindTools() {
  std::map<std::string, bool> found;
  for (const auto& [verb, description] : Descriptions()) found[verb] = false;
  std::error_code error;
  fs::path dir = SelfDirectory();
  if (!dir.empty()) {
    for (const auto& entry : fs::directory_iterator(dir, error)) {
      std::string name = entry.path().filename().string();
      if (name.rfind("heapsleuth-", 0) == 0 && ::access(entry.path().c_str(), X_OK) == 0) {
        found[name.substr(std::strlen("heapsleuth-"))] = true;
      }
    }
  }
  std::vector<std::string> verbs;
  for (const auto& [verb, present] : found) verbs.push_back(verb);
  return verbs;
}

void PrintHelp() {
  std::printf(
      "heapsleuth: what holds memory in V8 heap snapshots (.heapsnapshot)\n\n"
      "Usage: heapsleuth <tool> [ARGS...]     runs heapsleuth-<tool> ARGS...\n"
      "       heapsleuth <tool> --help        that tool's options\n\n"
      "Tools:\n");
  for (const std::string& verb : FindTools()) {
    auto it = Descriptions().find(verb);
    std::printf("  %-12s %s\n", verb.c_str(), it == Descriptions().end() ? "" : it->second.c_str());
  }
  std::printf(
      "\nExit codes: 0 ok, 1 threshold crossed, 2 usage error, 3 input or I/O error.\n");
}

}  // namespace

int main(int argc, char** argv) {
  using heapsleuth::tools::kExitUsage;
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    PrintHelp();
    return argc < 2 ? kExitUsage : 0;
  }
  const std::string verb = argv[1];
  if (verb.empty() || verb[0] == '-' || verb.find('/') != std::string::npos) {
    std::fprintf(stderr, "heapsleuth: error: unknown option '%s' (try heapsleuth --help)\n", verb.c_str());
    return kExitUsage;
  }
  const std::string program = "heapsleuth-" + verb;
  std::vector<char*> args;
  args.push_back(const_cast<char*>(program.c_str()));
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);

  fs::path beside = SelfDirectory() / program;
  if (::access(beside.c_str(), X_OK) == 0) ::execv(beside.c_str(), args.data());
  ::execvp(program.c_str(), args.data());
  std::fprintf(stderr, "heapsleuth: error: '%s' is not a heapsleuth tool (try heapsleuth --help)\n",
               verb.c_str());
  return kExitUsage;
}
