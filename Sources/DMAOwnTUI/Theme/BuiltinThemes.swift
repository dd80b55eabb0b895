/// The themes shipped in the binary, so a copied or installed `dmaown` needs no source tree.
///
/// The texts are the files in the package's top-level `themes/` (the place to add a theme),
/// embedded by SwiftPM through the `Sources/DMAOwnTUI/ShippedThemes` symlink and
/// `.embedInCode`. A test keeps this list and that folder in step.
public enum BuiltinThemes {
    /// Every shipped theme's name and TOML text, `default` first.
    public static let all: [(name: String, text: String)] = [
        ("default", PackageResources.default_toml),
        ("light", PackageResources.light_toml),
        ("high-contrast", PackageResources.high_contrast_toml),
        ("colorblind", PackageResources.colorblind_toml),
        ("monochrome", PackageResources.monochrome_toml),
        ("nord", PackageResources.nord_toml),
    ].map { (name: $0.0, text: String(decoding: $0.1, as: UTF8.self)) }

    /// The origin a built-in theme's warnings and `dmaown themes` name, in the form
    /// `built-in:themes/NAME.toml` so the theme's name still follows from it.
    public static func origin(_ name: String) -> String { "built-in:themes/\(name).toml" }

    /// The TOML text of the shipped theme `name`, if there is one.
    public static func named(_ name: String) -> String? { all.first { $0.name == name }?.text }
}
