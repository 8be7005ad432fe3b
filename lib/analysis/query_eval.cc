#include "lib/analysis/query_eval.h"

namespace heapsleuth::analysis {

std::optional<int64_t> NodeFieldReader::Number(QueryField field, uint32_t node) const {
  switch (field) {
    case QueryField::kId:
      return graph_.node_id(node);
    case QueryField::kSelfSize:
      return static_cast<int64_t>(analysis_.self_size[node]);
    case QueryField::kRawSelfSize:
      return static_cast<int64_t>(graph_.raw_self_size(node));
    case QueryField::kRetainedSize:
      return static_cast<int64_t>(analysis_.dominators.retained_size[node]);
    case QueryField::kDistance:
      return analysis_.distance[node];
    case QueryField::kEdgeCount:
      return graph_.first_edge(node + 1) - graph_.first_edge(node);
    case QueryField::kDominatorId:
      return graph_.node_id(analysis_.dominators.dominator[node]);
    case QueryField::kDetachedness:
      return analysis_.detachedness[node];
    case QueryField::kDetached:
      return analysis_.detachedness[node] == 2 ? 1 : 0;
    case QueryField::kTraceNodeId:
      return graph_.trace_node_id(node);
    case QueryField::kScriptId:
    case QueryField::kLine:
    case QueryField::kColumn: {
      std::optional<snapshot::Location> location = graph_.location(node);
      if (!location) return std::nullopt;
      return field == QueryField::kScriptId ? location->script_id
             : field == QueryField::kLine   ? location->line
                                            : location->column;
    }
    case QueryField::kType:
    case QueryField::kName:
    case QueryField::kClassName:
      break;
  }
  return std::nullopt;
}

std::string_view NodeFieldReader::Text(QueryField field, uint32_t node) const {
  switch (field) {
    case QueryField::kType:
      return graph_.node_type_name(node);
    case QueryField::kName:
      return graph_.node_name(node);
    case QueryField::kClassName:
      return analysis_.class_names.of(node);
    default:
      return {};
  }
}

QueryMatcher::QueryMatcher(const Query& query, const graph::Graph& graph, const graph::HeapAnalysis& analysis)
    : graph_(graph), analysis_(analysis), fields_(graph, analysis), root_(Bind(query.root())) {}

QueryMatcher::Bound QueryMatcher::Bind(const QueryExpr& expr) const {
  Bound bound{&expr, {}, {}};
  for (const QueryExpr& child : expr.children) bound.children.push_back(Bind(child));
  if (expr.kind == QueryExpr::Kind::kCompareString || expr.kind == QueryExpr::Kind::kMatch) {
    const size_t domain = expr.field == QueryField::kName        ? graph_.strings().size()
                          : expr.field == QueryField::kClassName ? analysis_.class_names.names.size()
                                                                 : 256;  // Type values are bytes.
    bound.memo.assign(domain, 0);
  }
  return bound;
}

bool QueryMatcher::TestText(const QueryExpr& expr, std::string_view text) const {
  if (expr.kind == QueryExpr::Kind::kMatch) return expr.regex->Search(text) != expr.negated;
  return (text == expr.text) == (expr.op == CompareOp::kEq);
}

bool QueryMatcher::Evaluate(Bound& bound, uint32_t node) {
  const QueryExpr& expr = *bound.expr;
  switch (expr.kind) {
    case QueryExpr::Kind::kOr:
      for (Bound& child : bound.children) {
        if (Evaluate(child, node)) return true;
      }
      return false;
    case QueryExpr::Kind::kAnd:
      for (Bound& child : bound.children) {
        if (!Evaluate(child, node)) return false;
      }
      return true;
    case QueryExpr::Kind::kNot:
      return !Evaluate(bound.children[0], node);
    case QueryExpr::Kind::kBool:
      return fields_.Number(expr.field, node).value_or(0) != 0;
    case QueryExpr::Kind::kCompareNumber: {
      const std::optional<int64_t> value = fields_.Number(expr.field, node);
      const std::optional<int64_t> other = expr.other_field ? fields_.Number(*expr.other_field, node) : expr.number;
      if (!value || !other) return false;
      switch (expr.op) {
        case CompareOp::kEq:
          return *value == *other;
        case CompareOp::kNe:
          return *value != *other;
        case CompareOp::kLt:
          return *value < *other;
        case CompareOp::kLe:
          return *value <= *other;
        case CompareOp::kGt:
          return *value > *other;
        case CompareOp::kGe:
          return *value >= *other;
      }
      return false;
    }
    case QueryExpr::Kind::kCompareString:
    case QueryExpr::Kind::kMatch: {
      const uint32_t key = expr.field == QueryField::kName        ? graph_.node_name_id(node).value()
                           : expr.field == QueryField::kClassName ? analysis_.class_names.node_class[node]
                                                                  : graph_.node_type(node);
      uint8_t& memo = bound.memo[key];
      if (memo == 0) memo = TestText(expr, fields_.Text(expr.field, node)) ? 2 : 1;
      return memo == 2;
    }
  }
  return false;
}

bool QueryMatcher::Matches(uint32_t node) { return Evaluate(root_, node); }

}  // namespace heapsleuth::analysis
