/// The report as compact JSON with sorted keys: the same document `Codable` gives, written
/// directly. A 90-day report over 10,000 integrations is 7 MB; Foundation's encoder took most of
/// a second and hundreds of MB for it, this takes a few tens of milliseconds.
extension SLAReport {
    public func json() -> String {
        var out = JSONWriter()
        out.object {
            $0.key("generated_at") { $0.string(generatedAt) }
            $0.key("integrations") { writer in writer.array(integrations) { $0.integration($1) } }
            $0.key("journey_stages") { writer in writer.array(journeyStages) { $0.group($1) } }
            $0.key("owners") { writer in writer.array(owners) { $0.group($1) } }
            $0.key("tools") { writer in writer.array(tools) { $0.group($1) } }
            $0.key("total") { $0.group(total) }
            $0.key("window_end") { $0.string(windowEnd) }
            $0.key("window_seconds") { $0.number(windowSeconds) }
            $0.key("window_start") { $0.string(windowStart) }
        }
        return out.text
    }
}

/// Writes JSON text; objects are written key by key, in the order given (sorted by the callers).
struct JSONWriter {
    private(set) var text = ""
    private var needsComma = false

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        text += "{"
        needsComma = false
        body(&self)
        text += "}"
        needsComma = true
    }

    mutating func key(_ name: String, _ value: (inout JSONWriter) -> Void) {
        if needsComma { text += "," }
        text += "\"\(name)\":"
        needsComma = false
        value(&self)
        needsComma = true
    }

    mutating func array<T>(_ items: [T], _ element: (inout JSONWriter, T) -> Void) {
        text += "["
        for (index, item) in items.enumerated() {
            if index > 0 { text += "," }
            needsComma = false
            element(&self, item)
        }
        text += "]"
        needsComma = true
    }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else {
            text += "null"
            return
        }
        if value == value.rounded(), abs(value) < 1e15 {
            text += String(Int64(value))
        } else {
            text += "\(value)"
        }
    }

    mutating func integer(_ value: Int) { text += String(value) }

    mutating func bool(_ value: Bool) { text += value ? "true" : "false" }

    mutating func strings(_ values: [String]) { array(values) { $0.string($1) } }

    mutating func time(_ split: TimeSplit) {
        object {
            $0.key("breach_seconds") { $0.number(split.breach) }
            $0.key("measured_seconds") { $0.number(split.measured) }
            $0.key("silenced_seconds") { $0.number(split.silenced) }
            $0.key("unknown_seconds") { $0.number(split.unknown) }
            $0.key("up_seconds") { $0.number(split.up) }
        }
    }

    mutating func statistics(_ value: DurationStatistics) {
        object {
            $0.key("count") { $0.integer(value.count) }
            $0.key("mean_seconds") { $0.number(value.mean) }
            $0.key("median_seconds") { $0.number(value.median) }
            $0.key("p90_seconds") { $0.number(value.p90) }
        }
    }

    mutating func integration(_ item: IntegrationFigures) {
        object {
            $0.key("acknowledged") { $0.integer(item.acknowledged) }
            $0.key("attainment_percent") { $0.number(item.attainment) }
            $0.key("breaches") { $0.integer(item.breaches) }
            $0.key("error_budget_left_percent") { $0.number(item.errorBudgetLeftPercent) }
            $0.key("error_budget_left_seconds") { $0.number(item.errorBudgetLeft) }
            $0.key("error_budget_seconds") { $0.number(item.errorBudget) }
            $0.key("id") { $0.string(item.id) }
            $0.key("incidents") { $0.integer(item.incidents) }
            $0.key("journey") { $0.strings(item.journey) }
            $0.key("mtta") { $0.statistics(item.mtta) }
            $0.key("mttr") { $0.statistics(item.mttr) }
            $0.key("name") { $0.string(item.name) }
            $0.key("over_budget") { $0.bool(item.overBudget) }
            $0.key("owner") { $0.string(item.owner) }
            $0.key("resolved") { $0.integer(item.resolved) }
            $0.key("target_percent") { $0.number(item.target) }
            $0.key("time") { $0.time(item.time) }
            $0.key("tools") { $0.strings(item.tools) }
        }
    }

    mutating func group(_ item: GroupFigures) {
        object {
            $0.key("attainment_percent") { $0.number(item.attainment) }
            $0.key("breaches") { $0.integer(item.breaches) }
            $0.key("incidents") { $0.integer(item.incidents) }
            $0.key("integrations") { $0.integer(item.integrations) }
            $0.key("key") { $0.string(item.key) }
            $0.key("mtta") { $0.statistics(item.mtta) }
            $0.key("mttr") { $0.statistics(item.mttr) }
            $0.key("name") { $0.string(item.name) }
            $0.key("over_budget") { $0.integer(item.overBudget) }
            $0.key("time") { $0.time(item.time) }
        }
    }
}
