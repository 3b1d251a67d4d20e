import ArgumentParser
import Foundation
import SpecGenEngine
import SpecGenHDF5
import SpecGenPlot
import SpecGenPolicy
import SpecGenScenario

/// Exit statuses: 0 success, 2 bad input, 1 failure while running, 130 interrupted. swift-argument-parser
/// would exit 64 for a usage error on Linux; it is mapped to 2 here.
func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("specgen: error: \(message)\n".utf8))
    exit(status)
}

do {
    var command = try SpecGenCommand.parseAsRoot()
    try command.run()
} catch let error as InputError {
    fail(error.message, status: 2)
} catch let error as PolicyRefusal {
    fail(error.message, status: 2)
} catch let error as OutputPathError {
    fail(error.message, status: 2)
} catch let error as ShardError {
    fail(error.message, status: 2)
} catch let error as SceneFailure {
    fail("scene: \(error.description); nothing was written", status: 2)
} catch let error as MergeRefused {
    fail(error.description, status: 2)
} catch let stop as ResumableStop {
    let status: Int32 = if case .interrupted = stop.reason { 130 } else { 1 }
    fail("\(stop.description). \(stop.advice) run the same command with --resume:\n  \(resumeCommand())", status: status)
} catch is RunCancelled {
    fail("interrupted: stopped cleanly, nothing was written at the output path", status: 130)
} catch let error as HDF5Error {
    fail("HDF5: \(error)", status: 1)
} catch let error as CairoError {
    fail("Cairo: \(error)", status: 1)
} catch let error as RunFailure {
    fail(error.message, status: 1)
} catch let error as SystemCallError {
    fail("\(error)", status: 1)
} catch {
    let code = SpecGenCommand.exitCode(for: error)
    if code == .success { SpecGenCommand.exit(withError: error) }  // --help, --version
    FileHandle.standardError.write(Data((SpecGenCommand.fullMessage(for: error) + "\n").utf8))
    exit(code == .failure ? 1 : 2)  // anything else the parser refused is a usage error: bad input
}
