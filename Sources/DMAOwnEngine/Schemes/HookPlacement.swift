/// Where a scheme gives ownership back relative to `dev->driver = NULL` (`device_unbind_cleanup`).
///
/// The order matters to any scheme that reads siblings' `dev->driver` (Robin's release scan): a
/// device whose driver is still set counts as holding the token. It is a property of each scheme,
/// not an order wired into the bind and unbind paths, so the paths stay one program for all.
public struct HookPlacement: Sendable, Hashable {
    /// Before or after `dev->driver` is cleared.
    public enum Moment: Sendable, Hashable { case beforeDriverCleared, afterDriverCleared }

    /// On unbind (`__device_release_driver`).
    public var unbind: Moment
    /// On a failed `probe()` (`really_probe`'s `sysfs_failed` exit: BUS_NOTIFY_DRIVER_NOT_BOUND,
    /// then `dma_cleanup`, then `device_unbind_cleanup`). A `pinctrl_bind_pins` or `dma_configure`
    /// failure jumps to `pinctrl_bind_failed` and runs no hook at all in any scheme: that is the
    /// kernel's, not a scheme's, choice.
    public var failedProbe: Moment

    public init(unbind: Moment, failedProbe: Moment) { self.unbind = unbind; self.failedProbe = failedProbe }

    /// The kernel's own order: `dma_cleanup` runs before `device_unbind_cleanup` on both paths.
    public static let kernel = HookPlacement(unbind: .beforeDriverCleared, failedProbe: .beforeDriverCleared)
    /// Robin's proposal: on unbind the release runs after `dev->driver = NULL` (his text); on a
    /// failed probe it can only hang off DRIVER_NOT_BOUND or `dma_cleanup`, both before it.
    public static let robin = HookPlacement(unbind: .afterDriverCleared, failedProbe: .beforeDriverCleared)
}
