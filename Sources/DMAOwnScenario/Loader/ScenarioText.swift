/// Splitting a scenario's text into lines, for quoting the line of a TOML syntax error.
public enum ScenarioText {
    /// Lines without their terminators; "\r\n" (files written on Windows) is one Character in Swift.
    static func split(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

}

extension Substring {
    func trimmingPrefixWhitespace() -> Substring { drop(while: { $0 == " " || $0 == "\t" }) }
    func trimmingCharacters(in set: String) -> String {
        String(drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
    }
}
