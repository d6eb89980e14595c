import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Asks for an MFA code on the terminal, as the AWS CLI does for a profile with `mfa_serial`.
public enum TerminalMFAPrompt {
    /// A provider that prompts on standard error and reads standard input; nil when standard input is not a
    /// terminal (CI), so the profile gets a clear error instead of a hang.
    public static func provider() -> MFACodeProvider? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return { serial, profile in
            FileHandle.standardError.write(Data("Enter MFA code for \(serial) (profile \(profile)): ".utf8))
            guard let line = readLine(), !line.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CredentialsError(source: "profile \(profile)", message: "no MFA code was entered")
            }
            return line
        }
    }
}
