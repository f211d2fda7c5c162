import Foundation

/// Percent-encoding for the dashboard's URLs. Run names may hold spaces, `#`, `?`, `%` or
/// any letter (`x y`, `a#b`, `é`): every link encodes each path component, and every route
/// parameter is decoded once, so such a run opens from its link and when typed encoded.
public enum URLText {
    /// RFC 3986's unreserved characters: the only ones left as they are.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `text` as one path component or query value: every byte but the unreserved ones as
    /// `%XX` (UTF-8), so `/`, `?`, `#`, `&`, `+`, `=` and `%` cannot change the URL's meaning.
    public static func component(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// A path of components (`model/best.pt`), each encoded, joined by `/`.
    public static func path(_ relative: String) -> String {
        relative.split(separator: "/", omittingEmptySubsequences: false).map { component(String($0)) }
            .joined(separator: "/")
    }

    /// The values of `key` in a query string (`run=a&run=b+c`), as an HTML form sends them:
    /// `+` is a space, then each value decoded once.
    public static func formValues(_ query: String?, _ key: String) -> [String] {
        (query ?? "").split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == key else { return nil }
            return decoded(parts[1].replacingOccurrences(of: "+", with: " "))
        }
    }

    /// A route parameter decoded once; as it came when it is no valid encoding (`50%`).
    public static func decoded(_ text: some StringProtocol) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
