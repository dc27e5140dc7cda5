import FuzzDriver
import Winnow

/// The rule loader: any bytes as a rule file give rules or precise errors, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRuleLoader(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    do {
        let rules = try RuleLoader.parse(yaml: text, file: "fuzz.yml")
        for rule in rules { precondition(!rule.id.isEmpty) }
    } catch {
        for e in error.errors { precondition(e.line >= 1 && e.file == "fuzz.yml", "imprecise error: \(e)") }
    }
    return 0
}

@_cdecl("FuzzRuleLoader_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzRuleLoader)
}
