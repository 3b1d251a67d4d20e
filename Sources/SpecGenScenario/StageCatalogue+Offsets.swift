extension StageCatalogue {
    static let offsets: [StageFamily] = []
}
