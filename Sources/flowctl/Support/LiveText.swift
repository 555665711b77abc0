import FlowRepository

/// How a flow's live version reads in list and status: `live v3`, `live v3, 2 saves behind`.
enum LiveText {
    static func describe(_ state: LiveState) -> String {
        guard let live = state.live else { return "not published" }
        let behind = state.savesBehind
        return "live v\(live.number)" + (behind == 0 ? "" : ", \(behind) save\(behind == 1 ? "" : "s") behind")
    }
}
