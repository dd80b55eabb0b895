/// Steps shared by every scheme: the driver core's bind and unbind paths (drivers/base/dd.c) and
/// the lock steps, with holes where each scheme puts its ownership logic.
enum KernelSteps {
    /// The scheme-specific parts of binding a driver.
    struct BindHooks {
        /// Run at `dma_configure` (bind step 5) for the driver; may `goto(.unwind)` with a pending errno.
        var dmaConfigure: [Step]
        /// The scheme's `dma_cleanup` (bind step 8), falling through to what follows; unlabelled, as
        /// it may run on two paths (a failed probe, and 6.6's test_remove). Empty: nothing to give back.
        var dmaCleanup: [Step]
        /// Run at `driver_bound()` (the BOUND_DRIVER notification); nil when nothing listens.
        var boundNotifier: (@Sendable (inout World) -> Void)?
    }

    /// The scheme-specific part of unbinding: what runs after `remove()`.
    struct UnbindHooks {
        /// Steps between `drv->remove()` and the end; they must clear `dev->driver` (see `clearDriver`)
        /// and release the device lock at the very end via `finishUnbind`.
        var afterRemove: [Step]
    }

    static func isDMAAPI(_ driver: Int, _ topology: Topology) -> Bool { !topology.drivers[driver].managedDMA }

    /// A VFIO driver (vfio-pci, vfio-platform, the vfio-pci variants): one a user can open the
    /// group through. The scenario's `vfio` key says so per driver (its default is the naming rule
    /// of `Topology.Driver.isVFIOName`), so Robin's claimant and VFIO's front end agree.
    static func isVFIO(_ driver: Int, _ topology: Topology) -> Bool {
        topology.drivers[driver].vfio
    }

    /// Bind a driver `drv` to device `d` (`really_probe`), kernel step numbering in comments.
    ///
    /// With `CONFIG_DEBUG_TEST_DRIVER_REMOVE` the probe runs twice. The second attempt is written out
    /// as a second copy of steps 3 to 6 rather than a jump back, so every program only jumps forward
    /// (the explorer's reduction relies on it).
    static func bind(device d: Int, driver drv: Int, topology: Topology, placement: HookPlacement, hooks: BindHooks) -> Program {
        let notifier = hooks.boundNotifier
        let notifierDecision: Explain = { b, a, c in
            a.flags.contains(.bugOn) && !b.flags.contains(.bugOn)
                ? "the group has container users and \(Decide.driver(d, a, topology)), which is not viable → BUG_ON(): the machine stops"
                : "the notifier finds nothing to object to (no container users, or the device is viable) \(Decide.outcome(a, c))"
        }
        var steps: [Step] = [
            // 1
            Step.locking("device_driver_attach", "device_lock(dev)", note: "Probe runs with the device lock held; it serialises bind and unbind of one device.",
                         acquires: .deviceLock, scope: .device),
            // 2
            Step("driver_probe_device", "if (dev->driver) return -EBUSY", note: "A device has at most one driver; a second bind is refused before anything changes.", scope: .device,
                 explain: { b, a, c in "\(Decide.driver(d, b, topology)) \(Decide.outcome(a, c))" }) { w, _ in
                guard w.driver(ofDevice: d) != nil else { return .next }
                w.unlockDevice(d)
                return .finish(.EBUSY)
            },
        ]
        steps += probeAttempt(device: d, driver: drv, topology: topology, hooks: hooks)
        switch topology.kernel.testRemove {
        case .off: break
        case .v5_19, .v6_6:
            steps += testRemove(device: d, topology: topology, hooks: hooks)
            steps += probeAttempt(device: d, driver: drv, topology: topology, hooks: hooks)
        }
        // 7
        steps.append(
            Step("driver_bound", notifier == nil ? "BOUND_DRIVER; device_unlock(dev); return 0" : "BOUND_DRIVER notifier; device_unlock(dev); return 0",
                 note: notifier == nil ? "The bind is complete; the device lock is dropped." : "VFIO's group notifier only now learns of the driver, after probe() already ran.",
                 scope: notifier == nil ? .device : .machine,
                 explain: notifier == nil ? nil : notifierDecision, action: driverBound(d, notifier: notifier)))
        // 8: the sysfs_failed exit of a failed probe(), with the scheme's release where it places it.
        let cleanup = hooks.dmaCleanup.isEmpty
            ? [Step("really_probe", "sysfs_failed: BUS_NOTIFY_DRIVER_NOT_BOUND; no dma_cleanup needed",
                    note: "Nothing was taken at dma_configure, so nothing is given back. iommu_bus_notifier forwards only BIND, BOUND, UNBIND and UNBOUND to the group: no group notifier hears of a failed probe.",
                    scope: .device) { _, _ in .next }]
            : hooks.dmaCleanup
        switch placement.failedProbe {
        case .beforeDriverCleared:
            steps += [cleanup[0].labelled(.cleanup)] + cleanup.dropFirst()
        case .afterDriverCleared:
            steps += [clearDriver(d, note: "This scheme gives ownership back only once dev->driver is cleared.", label: .cleanup)] + cleanup
        }
        // 9
        steps.append(
            Step("really_probe", "device_unbind_cleanup(dev): dev->driver = NULL; device_unlock(dev); return ret",
                 note: "The failed bind unwinds; the device is free again. A pinctrl or dma_configure failure jumps straight here (pinctrl_bind_failed): no notification, no dma_cleanup.",
                 label: .unwind, scope: .device) { w, c in
                // No DMA to stop here: a failed probe() stopped what it started before returning.
                assert(!w[device: d].doingDMA, "a failed bind left DMA running")
                w.clearDriverAndUnlock(d)
                return .finish(w.result(ofThread: c.thread))
            })
        return Program(steps, mayFail: topology.drivers[drv].mayFail)
    }

    /// Step 7's action: `driver_bound()`, the BOUND_DRIVER notification to `notifier` if one
    /// listens, `device_unlock(dev)`.
    ///
    /// Two closures rather than one that asks whether a notifier listens: with nothing listening
    /// (every scheme but the notifier) the closure captures only the device, and the phase, the
    /// `BUG_ON` test and the unlock are one access to the world (issue 14).
    private static func driverBound(_ d: Int, notifier: (@Sendable (inout World) -> Void)?) -> @Sendable (inout World, StepContext) -> Flow {
        guard let notifier else {
            return { w, _ in w.setPhaseAndUnlockUnlessCrashed(.bound, ofDevice: d) ? .finish(.ok) : .halt }
        }
        return { w, _ in
            w.setPhase(.bound, ofDevice: d)
            notifier(&w)
            if w.flags.contains(.bugOn) { return .halt }
            w.unlockDevice(d)
            return .finish(.ok)
        }
    }

    /// Steps 3 to 6: set `dev->driver`, pins, `dma_configure`, `probe()`.
    ///
    /// A driver that may fail in `probe()` gets two steps there: the driver starts DMA, then probe
    /// returns (and may fail, having already done DMA). Any other driver keeps one step, so the
    /// split costs states only where a failure can happen.
    private static func probeAttempt(device d: Int, driver drv: Int, topology: Topology, hooks: BindHooks) -> [Step] {
        let dmaAPI = isDMAAPI(drv, topology), vfio = isVFIO(drv, topology)
        var steps: [Step] = [
            // 3
            Step("really_probe", "dev->driver = drv", note: "From here siblings reading dev->driver without the lock already see the new driver.", scope: .device) { w, _ in
                w.setDriver(drv, phase: .probing, ofDevice: d)
                return .next
            },
            // 4
            Step("pinctrl_bind_pins", "pinctrl_bind_pins(dev)", note: "Pin setup can fail; then no ownership was taken and no cleanup runs.",
                 failPoint: .pinctrl, scope: .device,
                 explain: { _, a, c in
                     c.failed ? "pin setup failed (the scheduler chose the failure branch); no ownership was taken, so nothing is cleaned up \(Decide.outcome(a, c))"
                         : "pin setup succeeded \(Decide.outcome(a, c))"
                 }) { w, c in
                guard c.failed else { return .next }
                w.setResult(.EINVAL, ofThread: c.thread)
                return .goto(.unwind)
            },
        ]
        // 5
        steps += hooks.dmaConfigure
        // 6
        let starts = dmaAPI ? "The driver starts DMA through the DMA API: the group must be kernel-owned by now."
            : isVFIO(drv, topology) ? "A driver_managed_dma driver does no DMA through the DMA API. A VFIO driver's probe() registers the device with VFIO as its last act (vfio_pci_probe → vfio_pci_core_register_device → vfio_register_group_dev): from here, before driver_bound(), /dev/vfio/N exists, vfio_group_get_device finds the device (viable before 5.19) and, in 6.6, its cdev can be opened."
            : "A driver_managed_dma driver does no DMA through the DMA API."
        if topology.drivers[drv].mayFail.contains(.probe) {
            steps += [
                Step("call_driver_probe", "drv->probe(dev): DMA starts", note: starts + " probe() has not returned yet and may still fail.", scope: .deviceDMA) { w, _ in
                    if dmaAPI { w.setDoingDMA(true, ofDevice: d) }
                    return .next
                },
                Step("call_driver_probe", "return drv->probe(dev)", note: "A failing probe() stops its DMA and returns an error, but the DMA it already did went through whatever domain was attached.",
                     failPoint: .probe, scope: .deviceDMA,
                     explain: { _, a, c in
                         c.failed ? "probe() failed after starting DMA (the scheduler chose the failure branch): its DMA stops, the sysfs_failed exit follows \(Decide.outcome(a, c))"
                             : "probe() returned 0 \(Decide.outcome(a, c))"
                     }) { w, c in
                    guard c.failed else {
                        if vfio { VFIOFrontEnd.register(d, in: &w) }
                        return .next
                    }
                    w.setDoingDMA(false, ofDevice: d)
                    w.setResult(.ENODEV, ofThread: c.thread)
                    return .goto(.cleanup)
                },
            ]
        } else {
            steps.append(Step("really_probe", "drv->probe(dev)", note: starts, failPoint: .probe, scope: .deviceDMA,
                              explain: { _, a, c in
                                  dmaAPI ? "probe() returned 0: \(topology.drivers[drv].name) now does DMA through the DMA API \(Decide.outcome(a, c))"
                                      : "probe() returned 0 \(Decide.outcome(a, c))"
                              }) { w, _ in
                if dmaAPI { w.setDoingDMA(true, ofDevice: d) }
                if vfio { VFIOFrontEnd.register(d, in: &w) }
                return .next
            })
        }
        return steps
    }

    /// `really_probe`'s test_remove block: remove the driver and probe again (drivers/base/dd.c, CONFIG_DEBUG_TEST_DRIVER_REMOVE).
    private static func testRemove(device d: Int, topology: Topology, hooks: BindHooks) -> [Step] {
        let fixed = topology.kernel.testRemove == .v6_6
        var steps: [Step] = [
            Step("really_probe", "test_remove: device_remove(dev)",
                 note: "CONFIG_DEBUG_TEST_DRIVER_REMOVE: the freshly probed driver is removed at once, to test its remove(); its DMA stops (a VFIO driver's remove() unregisters the device: vfio_unregister_group_dev).",
                 scope: .deviceDMA) { w, _ in
                w.stopDMAAndUnregister(d)
                return .next
            },
        ]
        if fixed { steps += hooks.dmaCleanup }
        steps.append(
            Step("really_probe", fixed ? "test_remove: device_unbind_cleanup(dev): dev->driver = NULL; goto re_probe"
                                       : "test_remove: device_unbind_cleanup(dev), no dma_cleanup: dev->driver = NULL; goto re_probe",
                 note: fixed ? "6.6 (commit f429378a9bf8) gives the ownership back before probing again, so the second dma_configure takes it afresh."
                             : "5.19 to 6.5: no dma_cleanup on this path, so what the first dma_configure took is never given back; the second takes it again (fixed in 6.6 by commit f429378a9bf8).",
                 scope: .device) { w, _ in
                w.setDriver(nil, ofDevice: d)
                return .next
            })
        return steps
    }

    /// Unbind device `d` through sysfs (`unbind_store`, drivers/base/bus.c, then
    /// `device_driver_detach` → `__device_release_driver`); the thread's `local` keeps the driver found.
    static func unbind(device d: Int, topology: Topology, hooks: UnbindHooks) -> Program {
        var steps: [Step] = [
            Step("unbind_store", "if (dev->driver != drv) return -ENODEV", note: "sysfs checks the driver without device_lock: two unbinds of one device can both pass here.",
                 scope: .device,
                 explain: { b, a, c in "\(Decide.driver(d, b, topology)), read without device_lock \(Decide.outcome(a, c))" }) { w, _ in
                w.driver(ofDevice: d) == nil ? .finish(.ENODEV) : .next
            },
            Step("device_driver_detach", "device_lock(dev); if (!dev->driver) { device_unlock(dev); return 0 }",
                 note: "device_release_driver_internal(dev, NULL): if another unbind got here first there is nothing to release, and unbind_store still returns success.",
                 acquires: .deviceLock, scope: .device,
                 explain: { b, a, c in
                     let why = b[device: d].driver == nil ? ": another unbind released it first, so there is nothing to do" : ", under device_lock"
                     return "\(Decide.driver(d, b, topology))\(why) \(Decide.outcome(a, c))"
                 }) { w, c in
                guard let drv = w.driver(ofDevice: d) else {
                    w.unlockDevice(d)
                    return .finish(.ok)
                }
                w.setLocal(UInt8(drv), ofThread: c.thread)
                w.setPhase(.removing, ofDevice: d)
                return .next
            },
            Step("__device_release_driver", "drv->remove(dev) (vfio-pci: vfio_unregister_group_dev waits for the user)",
                 note: "The driver stops its DMA. A VFIO driver's remove() sleeps, device_lock held, until the user holding the device lets go, and only then unregisters the device (vfio_pci_remove → vfio_unregister_group_dev: the wait, then list_del from the group's device_list and the group reference dropped). Until this step the device is registered: /dev/vfio/N still exists while the unbind waits, so another user's claim meets the held group (-EBUSY), not a missing one.",
                 acquires: .userLetGo, scope: .deviceDMAAndGroup) { w, _ in
                w.stopDMAAndUnregister(d)
                return .next
            },
        ]
        steps += hooks.afterRemove
        return Program(steps)
    }

    /// `dev->driver = NULL`, the moment siblings stop seeing the driver.
    static func clearDriver(_ d: Int, note: String, label: JumpLabel? = nil) -> Step {
        Step("__device_release_driver", "dev->driver = NULL", note: note, label: label, scope: .device) { w, _ in
            w.setDriver(nil, ofDevice: d)
            return .next
        }
    }

    /// The last unbind step: the device is idle and unlocked, the unbind returns 0.
    static func finishUnbind(_ d: Int, code: String = "dev->driver = NULL; device_unlock(dev); return 0") -> Step {
        Step("__device_release_driver", code, note: "The device is unbound and unlocked.", scope: .device) { w, _ in
            w.clearDriverAndUnlock(d)
            return .finish(.ok)
        }
    }

    /// `mutex_lock(&group->mutex)` at the start of a kernel ownership function.
    static func lockGroup(_ function: String, note: String = "Ownership changes happen under group->mutex.", label: JumpLabel? = nil) -> Step {
        Step.locking(function, "mutex_lock(&group->mutex)", note: note, acquires: .groupMutex, label: label, scope: .group)
    }

    /// The operation does not exist in this scheme.
    static func unsupported(_ op: Operation, scheme: SchemeID) -> Program {
        let why = switch op {
        case .dclaim, .drelease: "device claims came with iommufd, 6.2"
        case .kclaim, .krelease: "it has no iommu_group_claim_dma_owner() for an in-kernel caller"
        default: "it does not model it"
        }
        return Program([
            Step("ioctl", "return -EINVAL", note: "\(op.verb) does not exist in the \(scheme.rawValue) scheme (\(why)).",
                 // It reads and writes nothing but its own thread: declaring its device keeps it from coupling the machine.
                 scope: .device) { _, _ in .finish(.EINVAL) },
        ])
    }

    /// Is device `d` (of any sibling) bound to a DMA-API driver and past its claim?
    static func boundDMAAPICount(group g: Int, in w: World, topology: Topology) -> Int {
        topology.groups[g].devices.reduce(0) { n, d in
            let ds = w[device: d]
            guard let drv = ds.driver, ds.phase == .bound, isDMAAPI(drv, topology) else { return n }
            return n + 1
        }
    }
}
