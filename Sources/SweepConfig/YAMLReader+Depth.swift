internal import CYaml

/// Bounds on what a sweep file may hold, checked before Yams builds its tree.
///
/// Yams composes a document recursively, one stack frame per level of nesting (and frees the
/// tree recursively too), so `x: [[[[…` 10,000 deep overflows the stack (SIGSEGV) instead of
/// being an error. libyaml's own parser keeps its nesting on the heap: its events are
/// counted here first, and a document nested deeper than `maximumDepth` is refused at the
/// line and column where it goes too deep, before Yams sees it.
extension YAMLReader {
    /// The deepest nesting of lists and mappings accepted. A sweep file needs about 4.
    static let maximumDepth = 64

    /// Refuses text nested deeper than `maximumDepth`. Syntax errors are left to Yams, which
    /// words them; it meets them before any deeper level than this check let through.
    func checkDepth(_ text: String) throws(SweepFileError) {
        var utf8 = Array(text.utf8)
        let tooDeep: (line: Int, column: Int)? = utf8.withUnsafeMutableBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    if depth > YAMLReader.maximumDepth {
                        return (Int(event.start_mark.line) + 1, Int(event.start_mark.column) + 1)
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_STREAM_END_EVENT:
                    return nil
                default:
                    continue
                }
            }
        }
        if let tooDeep {
            throw SweepFileError(path: path, line: tooDeep.line, column: tooDeep.column,
                                 message: "lists and mappings are nested more than \(YAMLReader.maximumDepth) levels deep "
                                    + "here; a sweep file needs a handful (is this the right file?)")
        }
    }
}
