import SpecGenScenario

/// Bad input from the user (exit status 2), with the file it concerns in the message.
struct InputError: Error {
    let message: String
}

/// Loads a scenario, turning its problems into an `InputError` that names the file.
func loadScenario(_ path: String) throws -> Scenario {
    do {
        return try Scenario.load(from: path)
    } catch let error as ScenarioError {
        throw InputError(message: "\(path): \(error)")
    } catch let error as ScenarioFileError {
        throw InputError(message: "scenario \(error)")
    }
}
