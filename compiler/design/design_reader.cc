#include "compiler/design/design_reader.h"

#include <array>
#include <cctype>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "compiler/frontend/yaml_reader.h"
#include "sim/base/error.h"
#include "sim/isa/kernel_classes.h"

namespace aie2sim::design {
namespace {

constexpr int64_t kMaxValue = int64_t{1} << 40;
constexpr uint64_t kMaxExpansions = 1 << 16;

class DesignParser {
 public:
  DesignParser(const std::string& file, const std::map<std::string, std::string>& overrides)
      : reader_(file), overrides_(overrides) {
    design_.file = file;
  }

  Design Parse(const std::string& text) {
    const YAML::Node root = reader_.Parse(text);
    reader_.CheckKeys(root, "",
                      {"version", "name", "description", "device", "upstream", "simplifies",
                       "parameters", "derived", "require", "fifos", "links", "cores",
                       "host_buffers", "sequence", "cascade_flows", "packet_flows"});
    Unsupported(root, "cascade_flows", "cascade streams between cores are not modelled");
    Unsupported(root, "packet_flows", "packet-switched flows are not modelled");
    const YAML::Node version = reader_.Required(root, "", "version");
    if (reader_.Int(version, "version", 0, 1000) != 1) {
      reader_.Fail(version, "version", "unsupported design version (expected 1)");
    }
    design_.name = reader_.String(reader_.Required(root, "", "name"), "name");
    design_.device = reader_.String(reader_.Required(root, "", "device"), "device");
    design_.upstream = reader_.String(reader_.Required(root, "", "upstream"), "upstream");
    if (root["description"]) reader_.String(root["description"], "description");
    if (root["simplifies"]) reader_.String(root["simplifies"], "simplifies");
    ReadParameters(root);
    const Bindings& top = design_.parameters;
    if (const YAML::Node host = root["host_buffers"]) {
      ForEachItem(host, "host_buffers", top,
                  [&](const YAML::Node& item, const Bindings& b) { ReadHostBuffer(item, b); });
    }
    ForEachItem(reader_.Required(root, "", "fifos"), "fifos", top,
                [&](const YAML::Node& item, const Bindings& b) { ReadFifo(item, b); });
    if (const YAML::Node links = root["links"]) {
      ForEachItem(links, "links", top,
                  [&](const YAML::Node& item, const Bindings& b) { ReadLink(item, b); });
    }
    ForEachItem(reader_.Required(root, "", "cores"), "cores", top,
                [&](const YAML::Node& item, const Bindings& b) { ReadCore(item, b); });
    const YAML::Node sequence = reader_.Required(root, "", "sequence");
    ReadSequence(sequence, "sequence", top);
    return std::move(design_);
  }

 private:
  std::string Where(const YAML::Node& node, const std::string& key) const {
    const int line = node.IsDefined() ? node.Mark().line + 1 : 0;
    return design_.file + ":" + (line > 0 ? std::to_string(line) : std::string("?")) + ": " + key;
  }

  void Unsupported(const YAML::Node& map, const char* key, const std::string& why) {
    if (map.IsMap() && map[key]) reader_.Fail(map[key], key, "not supported: " + why);
  }

  // ---- expressions ----
  Value Eval(const YAML::Node& node, const std::string& key, const Bindings& bindings) {
    if (!node.IsScalar()) reader_.Fail(node, key, "expected an integer or an expression");
    try {
      return Evaluate(node.Scalar(), bindings);
    } catch (const ExpressionError& error) {
      reader_.Fail(node, key, error.what());
    }
  }
  int64_t Int(const YAML::Node& node, const std::string& key, const Bindings& bindings, int64_t min,
              int64_t max = kMaxValue) {
    const Value value = Eval(node, key, bindings);
    if (value.is_symbol) reader_.Fail(node, key, "expected a number, got " + value.symbol);
    if (value.number < min || value.number > max) {
      reader_.Fail(node, key,
                   "\"" + node.Scalar() + "\" = " + std::to_string(value.number) +
                       " is out of range [" + std::to_string(min) + ", " + std::to_string(max) +
                       "]");
    }
    return value.number;
  }
  // A symbol written bare (i16, mm_i16_i32) or an expression giving one (a parameter's name,
  // select(...)); `what` names the kind in messages ("kernel class"), `names` lists them.
  std::string Symbol(const YAML::Node& node, const std::string& key, const Bindings& bindings,
                     const std::function<bool(const std::string&)>& known, const std::string& what,
                     const std::string& names) {
    if (!node.IsScalar()) reader_.Fail(node, key, "expected a name or an expression");
    const std::string& text = node.Scalar();
    if (known(text)) return text;
    const bool bare =
        !text.empty() && (std::isalpha(static_cast<unsigned char>(text[0])) || text[0] == '_') &&
        text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
            std::string::npos;
    const Value value =
        bare && !bindings.count(text) ? Value::Symbol(text) : Eval(node, key, bindings);
    if (!value.is_symbol || !known(value.symbol)) {
      reader_.Fail(node, key,
                   "unknown " + what + " " + value.ToString() + " (known: " + names + ")");
    }
    return value.symbol;
  }
  // A name with {expression} parts filled in ("A_L2L1_{r}").
  std::string Name(const YAML::Node& node, const std::string& key, const Bindings& bindings) {
    const std::string text = reader_.String(node, key);
    std::string name;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '{') {
        name += text[i];
        continue;
      }
      const size_t end = text.find('}', i);
      if (end == std::string::npos) reader_.Fail(node, key, "unclosed { in \"" + text + "\"");
      try {
        name += Evaluate(text.substr(i + 1, end - i - 1), bindings).ToString();
      } catch (const ExpressionError& error) {
        reader_.Fail(node, key, error.what());
      }
      i = end;
    }
    if (name.empty()) reader_.Fail(node, key, "empty name");
    return name;
  }
  uint32_t Dtype(const YAML::Node& node, const std::string& key, const Bindings& bindings) {
    return static_cast<uint32_t>(DtypeBytes(Symbol(
        node, key, bindings, [](const std::string& s) { return DtypeBytes(s) > 0; }, "dtype",
        "i8, u8, i16, u16, bf16, i32, u32, f32")));
  }

  // ---- foreach ----
  // Calls `read` once per combination of the map's `foreach: {var: count, ...}` (outer first),
  // or once when it has none.
  void Expand(const YAML::Node& item, const std::string& path, const Bindings& bindings,
              const std::function<void(const Bindings&)>& read) {
    if (item.IsMap() && item["foreach"]) {
      ExpandVars(item["foreach"], path + ".foreach", bindings, read);
    } else {
      read(bindings);
    }
  }
  // `vars` is {index: count, ...}; the first index is the outermost.
  void ExpandVars(const YAML::Node& vars_node, const std::string& path, const Bindings& bindings,
                  const std::function<void(const Bindings&)>& read) {
    std::vector<std::pair<std::string, int64_t>> vars;
    for (const auto& [var, count] : Entries(vars_node, path)) {
      vars.emplace_back(var, Int(count, path + "." + var, bindings, 0, 4096));
    }
    if (vars.empty()) reader_.Fail(vars_node, path, "expected a map of index: count");
    std::function<void(size_t, Bindings)> loop = [&](size_t depth, Bindings inner) {
      if (depth == vars.size()) {
        if (++expansions_ > kMaxExpansions) {
          reader_.Fail(
              vars_node, path,
              "foreach and for expand to more than " + std::to_string(kMaxExpansions) + " entries");
        }
        read(inner);
        return;
      }
      for (int64_t i = 0; i < vars[depth].second; ++i) {
        inner[vars[depth].first] = Value::Number(i);
        loop(depth + 1, inner);
      }
    };
    loop(0, bindings);
  }
  void ForEachItem(const YAML::Node& list, const std::string& path, const Bindings& bindings,
                   const std::function<void(const YAML::Node&, const Bindings&)>& read) {
    if (!list.IsSequence()) reader_.Fail(list, path, "expected a list");
    for (const YAML::Node& item : list) {
      Expand(item, path + "[]", bindings, [&](const Bindings& b) { read(item, b); });
    }
  }

  // The entries of a map with free keys (parameter names), each key once.
  std::vector<std::pair<std::string, YAML::Node>> Entries(const YAML::Node& map,
                                                          const std::string& path) {
    if (!map.IsMap()) reader_.Fail(map, path, "expected a map");
    std::vector<std::pair<std::string, YAML::Node>> entries;
    std::set<std::string> seen;
    for (const auto& entry : map) {
      if (!entry.first.IsScalar()) reader_.Fail(entry.first, path, "expected a key name");
      const std::string key = entry.first.Scalar();
      if (!seen.insert(key).second) reader_.Fail(entry.first, path + "." + key, "duplicate key");
      entries.emplace_back(key, entry.second);
    }
    return entries;
  }

  // ---- parameters ----
  void ReadParameters(const YAML::Node& root) {
    Bindings& params = design_.parameters;
    if (const YAML::Node parameters = root["parameters"]) {
      for (const auto& [name, node] : Entries(parameters, "parameters")) {
        const std::string key = "parameters." + name;
        if (!node.IsScalar()) reader_.Fail(node, key, "expected an integer or a name");
        try {
          params[name] = ParseLiteral(node.Scalar());
        } catch (const ExpressionError& error) {
          reader_.Fail(node, key, error.what());
        }
      }
    }
    for (const auto& [name, text] : overrides_) {
      if (!params.count(name)) {
        std::string known;
        for (const auto& [declared, value] : params)
          known += (known.empty() ? "" : ", ") + declared;
        throw UserError("--param " + name + ": " + design_.file + " has no parameter " + name +
                        " (it has: " + (known.empty() ? "none" : known) + ")");
      }
      try {
        const Value value = ParseLiteral(text);
        if (value.is_symbol != params[name].is_symbol) {
          throw ExpressionError(std::string("expected ") +
                                (params[name].is_symbol ? "a name" : "an integer") + " like " +
                                params[name].ToString() + ", got \"" + text + "\"");
        }
        params[name] = value;
      } catch (const ExpressionError& error) {
        throw UserError("--param " + name + ": " + error.what());
      }
    }
    if (const YAML::Node derived = root["derived"]) {
      for (const auto& [name, node] : Entries(derived, "derived")) {
        if (params.count(name)) reader_.Fail(node, "derived." + name, "already a parameter");
        params[name] = Eval(node, "derived." + name, params);
      }
    }
    if (const YAML::Node require = root["require"]) {
      if (!require.IsSequence()) reader_.Fail(require, "require", "expected a list of expressions");
      for (const YAML::Node& check : require) {
        const Value holds = Eval(check, "require", params);
        if (holds.is_symbol || holds.number == 0) {
          reader_.Fail(check, "require",
                       "\"" + check.Scalar() + "\" does not hold for " + ParameterText());
        }
      }
    }
  }

  std::string ParameterText() const {
    std::string text;
    for (const auto& [name, value] : design_.parameters) {
      text += (text.empty() ? "" : " ") + name + "=" + value.ToString();
    }
    return text;
  }

  // ---- tiles and FIFOs ----
  TilePos Tile(const YAML::Node& node, const std::string& key, const Bindings& bindings) {
    if (!node.IsSequence() || node.size() != 2) {
      reader_.Fail(node, key, "expected [column, row] (mlir-aie's logical tile)");
    }
    TilePos tile;
    tile.column = static_cast<uint32_t>(Int(node[0], key, bindings, 0, 1024));
    tile.row = static_cast<uint32_t>(Int(node[1], key, bindings, 0, 1024));
    return tile;
  }

  // `[c, r]` or {tile: [c, r], depth: d}.
  Endpoint ReadEndpoint(const YAML::Node& node, const std::string& key, const Bindings& bindings,
                        bool consumer) {
    Endpoint endpoint;
    if (node.IsMap()) {
      if (consumer) {
        reader_.CheckKeys(node, key, {"tile", "depth", "foreach", "dims"});
        Unsupported(node, "dims",
                    "consumer-side access patterns (dimensionsFromStream): give the pattern "
                    "on the producer");
      } else {
        reader_.CheckKeys(node, key, {"tile", "depth"});
      }
      endpoint.tile = Tile(reader_.Required(node, key, "tile"), key + ".tile", bindings);
      endpoint.depth = 0;
      if (node["depth"]) {
        endpoint.depth = static_cast<uint32_t>(Int(node["depth"], key + ".depth", bindings, 1, 64));
      }
    } else {
      endpoint.tile = Tile(node, key, bindings);
      endpoint.depth = 0;
    }
    return endpoint;
  }

  void ReadFifo(const YAML::Node& item, const Bindings& bindings) {
    reader_.CheckKeys(item, "fifos[]",
                      {"name", "foreach", "producer", "consumers", "depth", "object", "dims",
                       "data", "packet", "cascade"});
    Fifo fifo;
    fifo.name = Name(reader_.Required(item, "fifos[]", "name"), "fifos[].name", bindings);
    const std::string path = "fifos." + fifo.name;
    Unsupported(item, "packet", "packet-switched flows are not modelled");
    Unsupported(item, "cascade", "cascade streams between cores are not modelled");
    fifo.where = Where(item, path);
    for (const Fifo& other : design_.fifos) {
      if (other.name == fifo.name) reader_.Fail(item, path, "a second FIFO of this name");
    }
    fifo.producer =
        ReadEndpoint(reader_.Required(item, path, "producer"), path + ".producer", bindings, false);
    const YAML::Node consumers = reader_.Required(item, path, "consumers");
    ForEachItem(consumers, path + ".consumers", bindings,
                [&](const YAML::Node& node, const Bindings& b) {
                  fifo.consumers.push_back(ReadEndpoint(node, path + ".consumers", b, true));
                });
    if (fifo.consumers.empty()) reader_.Fail(consumers, path + ".consumers", "no consumer");
    // depth: one for every endpoint, or [producer, consumer 1, ...]; an endpoint's own wins.
    std::vector<uint32_t> depths(fifo.consumers.size() + 1, 2);
    if (const YAML::Node depth = item["depth"]) {
      if (depth.IsSequence()) {
        if (depth.size() != depths.size()) {
          reader_.Fail(depth, path + ".depth",
                       "expected " + std::to_string(depths.size()) +
                           " depths (the producer's, then each consumer's)");
        }
        for (size_t i = 0; i < depths.size(); ++i) {
          depths[i] = static_cast<uint32_t>(Int(depth[i], path + ".depth", bindings, 1, 64));
        }
      } else {
        std::fill(depths.begin(), depths.end(),
                  static_cast<uint32_t>(Int(depth, path + ".depth", bindings, 1, 64)));
      }
    }
    if (fifo.producer.depth == 0) fifo.producer.depth = depths[0];
    for (size_t i = 0; i < fifo.consumers.size(); ++i) {
      if (fifo.consumers[i].depth == 0) fifo.consumers[i].depth = depths[i + 1];
    }
    const YAML::Node object = reader_.Required(item, path, "object");
    std::tie(fifo.object_bytes, fifo.element_bytes) = ReadSize(object, path + ".object", bindings);
    if (const YAML::Node dims = item["dims"]) {
      fifo.dims = ReadDims(dims, path + ".dims", bindings);
    }
    if (const YAML::Node data = item["data"]) {
      const std::string kind = reader_.String(data, path + ".data");
      if (kind == "activations") {
        fifo.data = isa::ACTIVATIONS;
      } else if (kind == "weights") {
        fifo.data = isa::WEIGHTS;
      } else if (kind == "output") {
        fifo.data = isa::OUTPUT;
      } else {
        reader_.Fail(data, path + ".data", "expected activations, weights or output");
      }
    }
    design_.fifos.push_back(std::move(fifo));
  }

  // {bytes: n} or {shape: [...], dtype: t}: (bytes, element bytes).
  std::pair<uint64_t, uint32_t> ReadSize(const YAML::Node& node, const std::string& key,
                                         const Bindings& bindings) {
    reader_.CheckKeys(node, key, {"bytes", "shape", "dtype"});
    if (node["bytes"]) {
      if (node["shape"] || node["dtype"]) {
        reader_.Fail(node, key, "give bytes, or shape and dtype, not both");
      }
      return {static_cast<uint64_t>(Int(node["bytes"], key + ".bytes", bindings, 1)), 1};
    }
    const YAML::Node shape = reader_.Required(node, key, "shape");
    const uint32_t element = Dtype(reader_.Required(node, key, "dtype"), key + ".dtype", bindings);
    if (!shape.IsSequence() || shape.size() == 0) {
      reader_.Fail(shape, key + ".shape", "expected a list of extents");
    }
    int64_t elements = 1;
    for (const YAML::Node& extent : shape) {
      elements *= Int(extent, key + ".shape", bindings, 1, kMaxValue / elements);
    }
    if (elements > kMaxValue / element) reader_.Fail(shape, key, "too large");
    return {static_cast<uint64_t>(elements) * element, element};
  }

  // [[size, stride], ...], outermost first, at most 4.
  std::vector<AccessDim> ReadDims(const YAML::Node& node, const std::string& key,
                                  const Bindings& bindings) {
    if (!node.IsSequence() || node.size() == 0 || node.size() > 4) {
      reader_.Fail(node, key, "expected 1 to 4 [size, stride] pairs, outermost first");
    }
    std::vector<AccessDim> dims;
    for (const YAML::Node& pair : node) {
      if (!pair.IsSequence() || pair.size() != 2) {
        reader_.Fail(pair, key, "expected [size, stride]");
      }
      dims.push_back({Int(pair[0], key, bindings, 1), Int(pair[1], key, bindings, 0)});
    }
    return dims;
  }

  // ---- links ----
  void ReadLinkEnds(const YAML::Node& list, const std::string& key, const Bindings& bindings,
                    std::vector<LinkEnd>* ends) {
    ForEachItem(list, key, bindings, [&](const YAML::Node& node, const Bindings& b) {
      LinkEnd end;
      if (node.IsMap()) {
        reader_.CheckKeys(node, key, {"fifo", "offset", "foreach"});
        end.fifo = Name(reader_.Required(node, key, "fifo"), key + ".fifo", b);
        if (node["offset"]) {
          end.offset = static_cast<uint64_t>(Int(node["offset"], key + ".offset", b, 0));
        }
      } else {
        end.fifo = Name(node, key, b);
      }
      ends->push_back(end);
    });
  }

  void ReadLink(const YAML::Node& item, const Bindings& bindings) {
    reader_.CheckKeys(item, "links[]", {"foreach", "from", "to"});
    Link link;
    link.where = Where(item, "links[]");
    ReadLinkEnds(reader_.Required(item, "links[]", "from"), "links[].from", bindings, &link.from);
    ReadLinkEnds(reader_.Required(item, "links[]", "to"), "links[].to", bindings, &link.to);
    if (link.from.empty() || link.to.empty() || (link.from.size() > 1 && link.to.size() > 1)) {
      reader_.Fail(item, "links[]",
                   "expected one FIFO on at least one side (forward, distribute or join)");
    }
    design_.links.push_back(std::move(link));
  }

  // ---- cores ----
  void ReadCore(const YAML::Node& item, const Bindings& bindings) {
    reader_.CheckKeys(item, "cores[]",
                      {"tile", "foreach", "stack_bytes", "buffers", "locks", "body"});
    Core core;
    core.tile = Tile(reader_.Required(item, "cores[]", "tile"), "cores[].tile", bindings);
    const std::string path = "cores" + core.tile.ToString();
    core.where = Where(item, path);
    if (item["stack_bytes"]) {
      core.stack_bytes =
          static_cast<uint64_t>(Int(item["stack_bytes"], path + ".stack_bytes", bindings, 0));
    }
    if (const YAML::Node buffers = item["buffers"]) {
      for (const auto& [name, node] : Entries(buffers, path + ".buffers")) {
        const auto [bytes, element] = ReadSize(node, path + ".buffers." + name, bindings);
        core.buffers.push_back({name, bytes});
      }
    }
    if (const YAML::Node locks = item["locks"]) {
      for (const auto& [name, node] : Entries(locks, path + ".locks")) {
        core.locks.push_back(
            {name, static_cast<uint32_t>(Int(node, path + ".locks." + name, bindings, 0, 63))});
      }
    }
    core.body = ReadBody(reader_.Required(item, path, "body"), path + ".body", bindings);
    design_.cores.push_back(std::move(core));
  }

  KernelArg ReadArg(const YAML::Node& node, const std::string& key, const Bindings& bindings) {
    // "in" or "in[2]" (window position 2 of the held objects).
    const std::string text = Name(node, key, bindings);
    KernelArg arg;
    const size_t open = text.find('[');
    arg.fifo = text.substr(0, open);
    if (open != std::string::npos) {
      if (text.back() != ']') reader_.Fail(node, key, "expected fifo or fifo[index]");
      try {
        const Value index = Evaluate(text.substr(open + 1, text.size() - open - 2), bindings);
        if (index.is_symbol || index.number < 0 || index.number > 63) {
          reader_.Fail(node, key, "bad window index in \"" + text + "\"");
        }
        arg.window = static_cast<uint32_t>(index.number);
      } catch (const ExpressionError& error) {
        reader_.Fail(node, key, error.what());
      }
    }
    return arg;
  }

  // `{take: NAME, amount: n}` or `{give: NAME, amount: n}` (keys = take, give, amount).
  void ReadCountedOp(const YAML::Node& item, const std::string& path, const Bindings& bindings,
                     const std::array<const char*, 3>& keys,
                     const std::array<CoreOp::Kind, 2>& kinds, CoreOp* op) {
    const bool take = static_cast<bool>(item[keys[0]]);
    const char* key = take ? keys[0] : keys[1];
    reader_.CheckKeys(item, path + "[]", {key, keys[2]});
    op->kind = take ? kinds[0] : kinds[1];
    op->name = Name(item[key], path + "." + key, bindings);
    if (item[keys[2]]) {
      op->count = static_cast<uint32_t>(Int(item[keys[2]], path + "." + keys[2], bindings, 1, 63));
    }
  }

  std::vector<CoreOp> ReadBody(const YAML::Node& list, const std::string& path,
                               const Bindings& bindings) {
    if (!list.IsSequence()) reader_.Fail(list, path, "expected a list of operations");
    std::vector<CoreOp> body;
    for (const YAML::Node& item : list) {
      if (!item.IsMap()) reader_.Fail(item, path, "expected an operation (a map)");
      CoreOp op;
      op.where = Where(item, path);
      if (item["acquire"] || item["release"]) {
        ReadCountedOp(item, path, bindings, {"acquire", "release", "count"},
                      {CoreOp::Kind::kAcquire, CoreOp::Kind::kRelease}, &op);
      } else if (item["acquire_lock"] || item["release_lock"]) {
        ReadCountedOp(item, path, bindings, {"acquire_lock", "release_lock", "value"},
                      {CoreOp::Kind::kAcquireLock, CoreOp::Kind::kReleaseLock}, &op);
      } else if (item["kernel"]) {
        reader_.CheckKeys(item, path + "[]", {"kernel", "work", "inputs", "output"});
        op.kind = CoreOp::Kind::kKernel;
        const std::string name = Symbol(
            item["kernel"], path + ".kernel", bindings,
            [](const std::string& s) { return KernelClassByKey(s).has_value(); }, "kernel class",
            KernelClassNames());
        op.kernel_class = *KernelClassByKey(name);
        op.work = static_cast<uint64_t>(
            Int(reader_.Required(item, path, "work"), path + ".work", bindings, 1));
        if (const YAML::Node inputs = item["inputs"]) {
          if (!inputs.IsSequence() || inputs.size() > 2) {
            reader_.Fail(inputs, path + ".inputs", "expected a list of at most 2 FIFOs");
          }
          for (const YAML::Node& input : inputs) {
            op.inputs.push_back(ReadArg(input, path + ".inputs", bindings));
          }
        }
        if (item["output"]) op.output = ReadArg(item["output"], path + ".output", bindings);
      } else if (item["loop"]) {
        reader_.CheckKeys(item, path + "[]", {"loop", "do"});
        op.kind = CoreOp::Kind::kLoop;
        op.loop_count = static_cast<uint64_t>(Int(item["loop"], path + ".loop", bindings, 1));
        op.body = ReadBody(reader_.Required(item, path, "do"), path + ".do", bindings);
        if (op.body.empty()) reader_.Fail(item["do"], path + ".do", "an empty loop");
      } else if (item["cascade_put"] || item["cascade_get"]) {
        const char* key = item["cascade_put"] ? "cascade_put" : "cascade_get";
        reader_.Fail(item[key], path + "." + key,
                     "not supported: cascade streams between cores are not modelled");
      } else {
        reader_.Fail(item, path,
                     "expected acquire, release, kernel, loop, acquire_lock or release_lock");
      }
      body.push_back(std::move(op));
    }
    return body;
  }

  static std::string KernelClassNames() {
    std::string names;
    for (int value = 1; isa::KernelClass_IsValid(value); ++value) {
      names += std::string(names.empty() ? "" : ", ") +
               isa::KernelClassKey(static_cast<isa::KernelClass>(value));
    }
    return names;
  }

  static std::optional<isa::KernelClass> KernelClassByKey(const std::string& key) {
    for (int value = 1; isa::KernelClass_IsValid(value); ++value) {
      const auto kernel_class = static_cast<isa::KernelClass>(value);
      if (key == isa::KernelClassKey(kernel_class)) return kernel_class;
    }
    return std::nullopt;
  }

  // ---- host buffers and the runtime sequence ----
  void ReadHostBuffer(const YAML::Node& item, const Bindings& bindings) {
    reader_.CheckKeys(item, "host_buffers[]", {"name", "foreach", "bytes", "shape", "dtype"});
    HostBuffer buffer;
    buffer.name =
        Name(reader_.Required(item, "host_buffers[]", "name"), "host_buffers[].name", bindings);
    const std::string path = "host_buffers." + buffer.name;
    for (const HostBuffer& other : design_.host_buffers) {
      if (other.name == buffer.name) reader_.Fail(item, path, "a second buffer of this name");
    }
    if (item["bytes"] && (item["shape"] || item["dtype"])) {
      reader_.Fail(item, path, "give bytes, or shape and dtype, not both");
    }
    if (item["bytes"]) {
      buffer.bytes = static_cast<uint64_t>(Int(item["bytes"], path + ".bytes", bindings, 1));
    } else {
      const YAML::Node shape = reader_.Required(item, path, "shape");
      buffer.element_bytes =
          Dtype(reader_.Required(item, path, "dtype"), path + ".dtype", bindings);
      if (!shape.IsSequence() || shape.size() == 0) {
        reader_.Fail(shape, path + ".shape", "expected a list of extents");
      }
      int64_t elements = 1;
      for (const YAML::Node& extent : shape) {
        elements *= Int(extent, path + ".shape", bindings, 1, kMaxValue / elements);
      }
      buffer.bytes = static_cast<uint64_t>(elements) * buffer.element_bytes;
    }
    design_.host_buffers.push_back(buffer);
  }

  void Add(SequenceOp op, const YAML::Node& where) {
    if (design_.sequence.size() >= kMaxSequenceOps) {
      reader_.Fail(where, "sequence",
                   "unrolls to more than " + std::to_string(kMaxSequenceOps) +
                       " actions (the runtime sequence holds a few hundred)");
    }
    design_.sequence.push_back(std::move(op));
  }

  void ReadSequence(const YAML::Node& list, const std::string& path, const Bindings& bindings) {
    if (!list.IsSequence()) reader_.Fail(list, path, "expected a list of actions");
    for (const YAML::Node& item : list) {
      if (!item.IsMap()) reader_.Fail(item, path, "expected an action (a map)");
      if (item["for"]) {
        reader_.CheckKeys(item, path + "[]", {"for", "do"});
        ExpandVars(item["for"], path + ".for", bindings, [&](const Bindings& b) {
          ReadSequence(reader_.Required(item, path, "do"), path + ".do", b);
        });
      } else if (item["if"]) {
        reader_.CheckKeys(item, path + "[]", {"if", "then", "else"});
        const Value holds = Eval(item["if"], path + ".if", bindings);
        if (holds.is_symbol) reader_.Fail(item["if"], path + ".if", "expected a condition");
        if (holds.number != 0) {
          ReadSequence(reader_.Required(item, path, "then"), path + ".then", bindings);
        } else if (item["else"]) {
          ReadSequence(item["else"], path + ".else", bindings);
        }
      } else if (item["fill"] || item["drain"]) {
        const bool fill = static_cast<bool>(item["fill"]);
        const std::string key = path + "." + (fill ? "fill" : "drain");
        reader_.CheckKeys(item, path + "[]", {fill ? "fill" : "drain"});
        const YAML::Node task = item[fill ? "fill" : "drain"];
        reader_.CheckKeys(task, key, {"fifo", "buffer", "offset", "sizes", "strides", "token"});
        SequenceOp op;
        op.kind = fill ? SequenceOp::Kind::kFill : SequenceOp::Kind::kDrain;
        op.where = Where(task, key);
        op.fifo = Name(reader_.Required(task, key, "fifo"), key + ".fifo", bindings);
        op.buffer = Name(reader_.Required(task, key, "buffer"), key + ".buffer", bindings);
        if (task["offset"]) op.offset = Int(task["offset"], key + ".offset", bindings, 0);
        if (task["sizes"] || task["strides"]) {
          const YAML::Node sizes = reader_.Required(task, key, "sizes");
          const YAML::Node strides = reader_.Required(task, key, "strides");
          if (!sizes.IsSequence() || sizes.size() != 4) {
            reader_.Fail(sizes, key + ".sizes", "expected [d3, d2, d1, d0]");
          }
          if (!strides.IsSequence() || strides.size() != 4) {
            reader_.Fail(strides, key + ".strides", "expected [s3, s2, s1, s0]");
          }
          op.pattern = true;
          for (size_t i = 0; i < 4; ++i) {
            op.dims.push_back({Int(sizes[i], key + ".sizes", bindings, 1),
                               Int(strides[i], key + ".strides", bindings, 0)});
          }
        }
        // Every S2MM transfer issues a token (DESIGNS.md 0.4); a fill only when asked.
        op.token = !fill;
        if (task["token"]) op.token = reader_.Bool(task["token"], key + ".token");
        Add(std::move(op), task);
      } else if (item["await"]) {
        reader_.CheckKeys(item, path + "[]", {"await"});
        const YAML::Node names = item["await"];
        std::vector<YAML::Node> nodes;
        if (names.IsSequence()) {
          for (const YAML::Node& name : names) nodes.push_back(name);
        } else {
          nodes.push_back(names);
        }
        for (const YAML::Node& name : nodes) {
          SequenceOp op;
          op.kind = SequenceOp::Kind::kAwait;
          op.where = Where(name, path + ".await");
          op.fifo = Name(name, path + ".await", bindings);
          Add(std::move(op), name);
        }
      } else if (item["write"]) {
        reader_.CheckKeys(item, path + "[]", {"write"});
        const YAML::Node write = item["write"];
        const std::string key = path + ".write";
        reader_.CheckKeys(write, key, {"tile", "buffer", "index", "value"});
        SequenceOp op;
        op.kind = SequenceOp::Kind::kWrite;
        op.where = Where(write, key);
        op.tile = Tile(reader_.Required(write, key, "tile"), key + ".tile", bindings);
        op.buffer = Name(reader_.Required(write, key, "buffer"), key + ".buffer", bindings);
        if (write["index"]) {
          op.index = static_cast<uint64_t>(Int(write["index"], key + ".index", bindings, 0));
        }
        op.value = static_cast<uint32_t>(
            Int(reader_.Required(write, key, "value"), key + ".value", bindings, 0, 0xffffffffLL));
        Add(std::move(op), write);
      } else if (item["set_lock"]) {
        reader_.CheckKeys(item, path + "[]", {"set_lock"});
        const YAML::Node set = item["set_lock"];
        const std::string key = path + ".set_lock";
        reader_.CheckKeys(set, key, {"tile", "lock", "value"});
        SequenceOp op;
        op.kind = SequenceOp::Kind::kSetLock;
        op.where = Where(set, key);
        op.tile = Tile(reader_.Required(set, key, "tile"), key + ".tile", bindings);
        op.lock = Name(reader_.Required(set, key, "lock"), key + ".lock", bindings);
        op.value = static_cast<uint32_t>(
            Int(reader_.Required(set, key, "value"), key + ".value", bindings, 0, 63));
        Add(std::move(op), set);
      } else {
        reader_.Fail(item, path, "expected fill, drain, await, write, set_lock, for or if");
      }
    }
  }

  frontend::YamlReader reader_;
  const std::map<std::string, std::string>& overrides_;
  Design design_;
  uint64_t expansions_ = 0;  // foreach / for bodies read so far
};

}  // namespace

Design ReadDesign(const std::string& yaml_text, const std::string& display_name,
                  const std::map<std::string, std::string>& overrides) {
  return DesignParser(display_name, overrides).Parse(yaml_text);
}

Design LoadDesign(const std::string& path, const std::map<std::string, std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UserError(path + ": cannot open file");
  std::stringstream text;
  text << in.rdbuf();
  return ReadDesign(text.str(), path, overrides);
}

}  // namespace aie2sim::design
