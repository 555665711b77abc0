import ArgumentParser
import CallFlow
import FlowRepository
import Foundation

extension CompletionKind {
    /// The ids of the flows in the repository around the current folder.
    static var flowIDs: CompletionKind {
        .custom { _, _, _ in (try? FlowRepository.current().flowIDs()) ?? [] }
    }
}

extension CompletionKind {
    /// The ids of the open flow's blocks.
    static var blockIDs: CompletionKind {
        .custom { _, _, _ in (try? FlowRepository.current().workingFlow().sortedBlocks.map(\.id)) ?? [] }
    }

    /// The block types of the catalog.
    static var blockTypes: CompletionKind { .list(Catalog.standard.typeNames) }
}
