import ArgumentParser
import FlowRepository
import Foundation

extension CompletionKind {
    /// The ids of the flows in the repository around the current folder.
    static var flowIDs: CompletionKind {
        .custom { _, _, _ in (try? FlowRepository.current().flowIDs()) ?? [] }
    }
}
