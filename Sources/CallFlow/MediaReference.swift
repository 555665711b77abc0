/// A value the engine plays as media. Kazoo's menu reads `media.greeting` as a media id
/// (cf_menu.erl, get_prompt/2) and `kz_media_util:media_path/2` turns an id without `/` into
/// the account's media document and keeps a path or URL as it is: it never speaks text. So a
/// reference is one word, 3 to 2048 characters (the menus schema's `string(3..2048)`).
public enum MediaReference {
    public static let lengths = 3...2048

    /// Nil when `text` can name media, else what is wrong and what to write instead.
    public static func problem(_ text: String) -> String? {
        if text.contains(where: { $0.isWhitespace || $0.isNewline }) {
            return "'\(text)' is a sentence, not media: the engine plays a media id or URL and would look for "
                + "a media file of that name; upload the recording and give its id (as greeting.mp3) or URL, "
                + "or speak the text with a tts block"
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a media id or URL has no control characters"
        }
        guard lengths.contains(text.count) else {
            return "a media id or URL is \(lengths.lowerBound) to \(lengths.upperBound) characters (got \(text.count))"
        }
        return nil
    }
}
