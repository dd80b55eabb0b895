/// Robin Murphy's proposal (22–23 Feb 2022, never merged): no count; ownership is inferred from
/// the sibling devices' drivers, and a release scans them without taking their locks.
///
/// With `lockedScan` it is the `robin-locked` variant: the scan takes each sibling's `device_lock`
/// under `group->mutex` to make its read safe, inverting the driver core's lock order.
struct RobinScheme: Scheme {
    /// The scan takes each sibling's `device_lock` (the `robin-locked` scheme).
    let lockedScan: Bool
    let info: SchemeInfo

    init(lockedScan: Bool = false) {
        self.lockedScan = lockedScan
        let sources = ["Re: [PATCH v6 02/11] driver core: Add dma_cleanup callback in bus_type, Robin Murphy, 22-23 Feb 2022 (lore.kernel.org)",
                       "Jason Gunthorpe's reply in the same thread (lockless dev->driver, failure paths that send no notification)"]
        info = lockedScan
            ? SchemeInfo(
                id: .robinLocked, title: "Robin's proposal with a locked scan",
                summary: "Robin's proposal, but the release scan takes each sibling's device_lock while it holds group->mutex, so it never reads a dev->driver in flux. That is the reverse of the driver core's order (device_lock, then group->mutex at dma_configure): a sibling probing with its own device_lock held and waiting for the mutex deadlocks against the scan (ABBA).",
                sources: sources + ["Lu Baolu's reply and the iommu_group_store_type() comment on taking device locks under group->mutex"])
            : SchemeInfo(
                id: .robin, title: "Robin Murphy's 2022 proposal",
                summary: "No owner_cnt. A device's token is nothing when unbound, the DMA-API token for an ordinary driver, or the driver itself when it is driver_managed_dma. A claim (at dma_configure, or explicitly by a managed driver such as VFIO) succeeds when the group is unowned or already owned by the same token. A release scan reads every sibling's driver without its device_lock and clears the owner when no sibling's token matches; it touches no domain. It runs on unbind after dev->driver is cleared, on a failed probe before (at DRIVER_NOT_BOUND or dma_cleanup), and after a pinctrl failure not at all.",
                sources: sources)
    }

    var hookPlacement: HookPlacement { .robin }

    /// No count: ownership is inferred from the siblings' drivers.
    var hasOwnerCount: Bool { false }

    /// Robin's `T(d)`: the token device `d`'s current driver stands for.
    static func token(of d: Int, in w: World, topology: Topology) -> OwnerToken {
        guard let drv = w[device: d].driver else { return .none }
        return topology.drivers[drv].managedDMA ? .driver(drv) : .dmaAPI
    }

    /// The device VFIO claims through: the first member registered with VFIO (its VFIO driver's
    /// probe() called `vfio_register_group_dev`, and its remove() has not unregistered it).
    static func claimant(_ members: [Int], in w: World, topology: Topology) -> Int? {
        members.first { w[device: $0].vfioRegistered }
    }

    func program(for op: Operation, in topology: Topology) -> Program {
        switch op {
        case .bind(let d, let drv): bind(d, drv, topology)
        case .unbind(let d): unbind(d, topology)
        case .claim(let g, let o): claim(g, o, topology)
        case .release(let g, let o): release(g, o, topology)
        case .dclaim, .drelease, .kclaim, .krelease: KernelSteps.unsupported(op, scheme: id)
        }
    }

    private func bind(_ d: Int, _ drv: Int, _ topology: Topology) -> Program {
        let g = topology.devices[d].group
        // The release hangs off dma_cleanup for every driver, as it hangs off unbind for every driver.
        let cleanup = releaseScan(d, g, topology)
        guard KernelSteps.isDMAAPI(drv, topology) else {
            return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: hookPlacement, hooks: .init(
                dmaConfigure: [Step("dma_configure", "drv->driver_managed_dma: no claim at probe",
                                    note: "A managed driver claims explicitly later (VFIO), if at all.", scope: .device) { _, _ in .next }],
                dmaCleanup: cleanup, boundNotifier: nil))
        }
        return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: hookPlacement, hooks: .init(
            dmaConfigure: [
                KernelSteps.lockGroup("iommu_device_use_default_domain", note: "Probes of grouped devices serialise on the group mutex."),
                Step("iommu_device_use_default_domain", "if (!owner) owner = T(dev); else if (owner != T(dev)) ret = -EBUSY; mutex_unlock",
                     note: "The DMA-API token is shared by every ordinary driver; any other owner refuses.", scope: .group,
                     explain: { b, a, c in
                         let why = switch b[group: g].owner {
                         case .none: "the group is unowned: owner becomes the kernel DMA API"
                         case .dmaAPI: "the DMA-API token already owns the group: T(dev) matches"
                         default: "T(dev) is the DMA-API token, which is not the owner"
                         }
                         return "\(Decide.group(g, b, topology, count: false)): \(why) \(Decide.outcome(a, c))"
                     }) { w, c in
                    var gs = w[group: g]
                    gs.mutexHolder = nil
                    defer { w[group: g] = gs }
                    switch gs.owner {
                    case .none: gs.owner = .dmaAPI
                    case .dmaAPI: break
                    default:
                        w.setResult(.EBUSY, ofThread: c.thread)
                        return .goto(.unwind)
                    }
                    return .next
                },
            ],
            dmaCleanup: cleanup, boundNotifier: nil))
    }

    private func unbind(_ d: Int, _ topology: Topology) -> Program {
        let g = topology.devices[d].group
        let clear = KernelSteps.clearDriver(d, note: "From here siblings' scans no longer see this driver.")
        let scan = releaseScan(d, g, topology)
        let afterRemove: [Step] = switch hookPlacement.unbind {
        case .afterDriverCleared: [clear] + scan
        case .beforeDriverCleared: scan + [clear]
        }
        return KernelSteps.unbind(device: d, topology: topology, hooks: .init(afterRemove: afterRemove + [KernelSteps.finishUnbind(d, code: "device_unlock(dev); return 0")]))
    }

    private func claim(_ g: Int, _ o: Int, _ topology: Topology) -> Program {
        let members = topology.groups[g].devices
        return Program([
            // Robin wrote on 22-23 Feb 2022 against the 5.17-rc group code: 5.18's words.
            VFIOFrontEnd.openGroup(g, owner: o, topology: topology, era: .v5_18),
            KernelSteps.lockGroup("iommu_group_claim_dma_owner", note: "VFIO claims on behalf of its own device."),
            Step("iommu_group_claim_dma_owner", "T = T(vfio dev); if (!owner) owner = T; else if (owner != T) return -EBUSY; domain = blocking; mutex_unlock",
                 note: "A managed driver's explicit claim owns the group as that driver: T(its device). This project's reading: VFIO's device is the first member registered with VFIO by its VFIO driver's probe() and not yet unregistered by its remove() (none: -ENODEV, as /dev/vfio/G does not exist), and the claim attaches the blocking domain as the merged scheme does.",
                 scope: .groupAndMembers,
                 explain: { b, a, c in
                     guard let vfio = Self.claimant(members, in: b, topology: topology) else {
                         return "no member is registered with VFIO (none is bound to a VFIO driver), so there is no VFIO device to claim through \(Decide.outcome(a, c))"
                     }
                     let t = Self.token(of: vfio, in: b, topology: topology), owner = b[group: g].owner
                     let why = owner == .none ? "the group is unowned: owner becomes T(\(topology.devices[vfio].name)) = \(topology.describeOwnerField(t))"
                         : owner == t ? "T(\(topology.devices[vfio].name)) = \(topology.describeOwnerField(t)) already owns the group"
                         : "T(\(topology.devices[vfio].name)) = \(topology.describeOwnerField(t)) is not the owner"
                     return "\(Decide.group(g, b, topology, count: false)): \(why) \(Decide.outcome(a, c))"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                defer { w[group: g] = gs }
                // A refused claim: the user closes the group fd it opened (VFIOFrontEnd.openGroup).
                guard let vfio = Self.claimant(members, in: w, topology: topology) else { VFIOFrontEnd.closeGroup(&w, g); return .finish(.ENODEV) }
                let t = Self.token(of: vfio, in: w, topology: topology)
                if gs.owner != .none && gs.owner != t { VFIOFrontEnd.closeGroup(&w, g); return .finish(.EBUSY) }
                gs.owner = t
                gs.domain = .blocking
                return .next
            },
            KernelSteps.lockGroup("iommu_attach_group", note: "The owner attaches its own domain."),
            Step("iommu_attach_group", "group->domain = user domain; mutex_unlock; return 0", note: "From here the user may do DMA through the group.", scope: .group) { w, _ in
                w[group: g].domain = .user(o)
                w.unlockGroup(g)
                w[holders: g].userDMA = true
                return .finish(.ok)
            },
        ])
    }

    private func release(_ g: Int, _ o: Int, _ topology: Topology) -> Program {
        Program([
            VFIOFrontEnd.unsetContainer(g, owner: o, topology: topology),
            KernelSteps.lockGroup("iommu_group_release_dma_owner", note: "VFIO gives the group back."),
            Step("iommu_group_release_dma_owner", "if (domain != user domain) return -EINVAL; owner = NULL; domain = default; mutex_unlock",
                 note: "This project's reading: VFIO detaches its domain and drops its explicit claim, so the default domain returns.", scope: .group,
                 explain: { b, a, c in
                     let why = b[group: g].domain == .user(o) ? "\(topology.owners[o])'s domain is attached: ownership is dropped, domain default"
                         : "\(topology.owners[o])'s domain is not attached"
                     return "\(Decide.group(g, b, topology, count: false)): \(why) \(Decide.outcome(a, c))"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                defer { w[group: g] = gs }
                // The user lets go either way: the container is unset and the group fd closed.
                VFIOFrontEnd.closeGroup(&w, g)
                guard gs.domain == .user(o) else { return .finish(.EINVAL) }
                gs.owner = .none
                gs.domain = .default
                return .finish(.ok)
            },
        ])
    }

    /// Take the mutex, read the siblings' drivers (locking each first in `robin-locked`), and clear
    /// the owner if no sibling's token matches it. Nothing else: Robin's text touches no domain.
    private func releaseScan(_ d: Int, _ g: Int, _ topology: Topology) -> [Step] {
        let siblings = topology.groups[g].devices.filter { $0 != d }
        let locked = lockedScan
        var steps = [KernelSteps.lockGroup("iommu_device_unuse_default_domain",
                                          note: locked ? "The release scan runs with group->mutex held, and will take each sibling's device_lock under it."
                                                       : "The release scan runs with group->mutex held, but not the siblings' device locks.")]
        if locked {
            steps += siblings.map { tmp in
                Step.locking("iommu_device_unuse_default_domain", "device_lock(\(topology.devices[tmp].name))",
                     note: "A device_lock taken under group->mutex: the reverse of really_probe's order (device_lock, then group->mutex at dma_configure). A sibling probing with its lock held waits for the mutex: ABBA.",
                     acquires: .siblingLock(tmp), scope: .groupAndMembers,
                     explain: { b, a, c in
                         let name = topology.devices[tmp].name
                         return b.flags.contains(.lockOrder)
                             ? "device_lock(\(name)) taken under group->mutex, the lock order inverted once more \(Decide.outcome(a, c))"
                             : "device_lock(\(name)) taken under group->mutex: device_lock after group->mutex inverts the driver core's order (lock-order) \(Decide.outcome(a, c))"
                     })
            }
        }
        let code = locked
            ? "for each tmp != dev: if (T(tmp) == owner) keep; none kept: owner = NULL; device_unlock(each tmp); mutex_unlock"
            : "for each tmp != dev: if (T(tmp) == owner) keep; none kept: owner = NULL; mutex_unlock"
        steps.append(
            Step("iommu_device_unuse_default_domain", code,
                 note: (locked ? "Each sibling's dev->driver is read under its device_lock, so no sibling is mid-bind or mid-unbind."
                               : "Each sibling's dev->driver is read without its device_lock: see the case labels (1.a … 4.b).")
                     + " Only the owner is cleared: Robin's text touches no domain, so a user domain stays attached. This project's reading: dev itself is not scanned (on a failed probe its dev->driver is still set).",
                 role: .releaseScan, scope: .groupAndMembers,
                 explain: { b, a, _ in
                     // Each sibling's case (1.a … 4.b) is added by Run.decision, which knows every thread.
                     let owner = b[group: g].owner
                     if owner == .none { return "owner is NULL: nothing to release" }
                     let reads = siblings.map { tmp in
                         let t = Self.token(of: tmp, in: b, topology: topology)
                         return "T(\(topology.devices[tmp].name)) = \(topology.describeOwnerField(t))\(t == owner ? " (matches)" : "")"
                     }
                     let verdict = a[group: g].owner == owner ? "a sibling still holds the token → kept"
                         : "no sibling holds the token → owner = NULL; the domain stays \(topology.describeDomain(a[group: g].domain))"
                     return "owner \(topology.describeOwnerField(owner)); " + (reads.isEmpty ? "no siblings" : reads.joined(separator: ", ")) + ": \(verdict)"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                if gs.owner != .none && !siblings.contains(where: { Self.token(of: $0, in: w, topology: topology) == gs.owner }) {
                    gs.owner = .none
                }
                w[group: g] = gs
                if locked { for tmp in siblings { w.unlockDevice(tmp) } }
                return .next
            })
        return steps
    }

    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? {
        let topology = run.topology
        let gs = w[group: g]
        let gid = topology.groups[g].id
        let bound = KernelSteps.boundDMAAPICount(group: g, in: w, topology: topology)
        switch gs.owner {
        case .dmaAPI where bound == 0:
            return "group \(gid) is owned by the kernel DMA API but no DMA-API driver is bound"
        case .driver(let drv) where !topology.groups[g].devices.contains(where: { w[device: $0].driver == drv }):
            return "group \(gid) is owned by \(topology.drivers[drv].name) but no device is bound to it"
        case .none where bound > 0:
            return "group \(gid) is unowned but \(bound) DMA-API driver\(bound == 1 ? " is" : "s are") bound"
        default:
            return nil
        }
    }

    func annotations(in w: World, run: Run) -> [Int: DeviceAnnotation] {
        RobinCases.label(w, run)
    }

    func releaseScanCases(byThread t: Int, in w: World, run: Run) -> [ScanCase] {
        RobinCases.scan(by: t, w, run)
    }
}
