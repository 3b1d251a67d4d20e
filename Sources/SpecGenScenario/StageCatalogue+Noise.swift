extension StageCatalogue {
    static let noise: [StageFamily] = []
}
