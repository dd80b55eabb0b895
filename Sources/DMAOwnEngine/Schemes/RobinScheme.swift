/// Robin Murphy's proposal (22–23 Feb 2022, never merged): no count; ownership is inferred from
/// the sibling devices' drivers, and a release scans them without taking their locks.
struct RobinScheme: Scheme {
    let info = SchemeInfo(
        id: .robin, title: "Robin Murphy's 2022 proposal",
        summary: "No owner_cnt. A device's token is nothing when unbound, the DMA-API token for an ordinary driver, or the driver itself when it is driver_managed_dma. A claim (at dma_configure, or explicitly by a managed driver such as VFIO) succeeds when the group is unowned or already owned by the same token. On unbind, after dev->driver is cleared, a release scan reads every sibling's driver without its device_lock and drops ownership when no sibling's token matches the owner.",
        sources: ["Re: [PATCH v6 02/11] driver core: Add dma_cleanup callback in bus_type, Robin Murphy, 22-23 Feb 2022 (lore.kernel.org)",
                  "Jason Gunthorpe's reply in the same thread (lockless dev->driver, failure paths)"])

    /// Robin's `T(d)`: the token device `d`'s current driver stands for.
    static func token(of d: Int, in w: World, topology: Topology) -> OwnerToken {
        guard let drv = w[device: d].driver else { return .none }
        return topology.drivers[drv].managedDMA ? .driver(drv) : .dmaAPI
    }

    /// The device VFIO claims on behalf of: a bound managed driver, preferring a `vfio*` driver on a
    /// non-bridge device, so a bridge's pcieport or a pci-stub sibling never becomes the owner token.
    static func claimant(_ members: [Int], in w: World, topology: Topology) -> Int? {
        func rank(_ d: Int) -> Int? {
            // Only a bound device has a VFIO device to open: a managed driver still probing may yet fail.
            guard let drv = w[device: d].driver, topology.drivers[drv].managedDMA, w[device: d].phase == .bound else { return nil }
            return (topology.drivers[drv].name.hasPrefix("vfio") ? 0 : 2) + (topology.devices[d].bridge ? 1 : 0)
        }
        return members.compactMap { d in rank(d).map { (d, $0) } }.min { $0.1 < $1.1 }?.0
    }

    func program(for op: Operation, in topology: Topology) -> Program {
        switch op {
        case .bind(let d, let drv):
            let g = topology.devices[d].group
            guard KernelSteps.isDMAAPI(drv, topology) else {
                return KernelSteps.bind(device: d, driver: drv, topology: topology, hooks: .init(
                    dmaConfigure: [Step("dma_configure", "drv->driver_managed_dma: no claim at probe",
                                        note: "A managed driver claims explicitly later (VFIO), if at all.", scope: .device) { _, _ in .next }],
                    dmaCleanup: [], boundNotifier: nil))
            }
            return KernelSteps.bind(device: d, driver: drv, topology: topology, hooks: .init(
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
                            w[thread: c.thread].result = .EBUSY
                            return .goto("unwind")
                        }
                        return .next
                    },
                ],
                // A failed probe() jumps to "cleanup": dev->driver is cleared before the scan, as in unbind.
                dmaCleanup: [KernelSteps.clearDriver(d, note: "Release runs only after dev->driver is cleared, so dev no longer counts itself.", label: "cleanup")]
                    + releaseScan(d, g, topology, label: nil)
                    + [Step("really_probe", "goto unwind", note: "Ownership is settled; the bind unwinds.", scope: .device) { _, _ in .goto("unwind") }],
                boundNotifier: nil))
        case .unbind(let d):
            let g = topology.devices[d].group
            return KernelSteps.unbind(device: d, topology: topology, hooks: .init(afterRemove:
                [KernelSteps.clearDriver(d, note: "From here siblings' scans no longer see this driver.")]
                + releaseScan(d, g, topology, label: nil)
                + [KernelSteps.finishUnbind(d, code: "device_unlock(dev); return 0")]))
        case .claim(let g, let o):
            let members = topology.groups[g].devices
            return Program([
                VFIOFrontEnd.openGroup(g, owner: o, topology: topology),
                KernelSteps.lockGroup("iommu_group_claim_dma_owner", note: "VFIO claims on behalf of its vfio-pci device."),
                Step("iommu_group_claim_dma_owner", "T = T(vfio dev); if (!owner) owner = T; else if (owner != T) return -EBUSY; domain = blocking; mutex_unlock",
                     note: "The managed driver itself is the owner's token, so only a sibling on the same managed driver keeps it.", scope: .groupAndMembers,
                     explain: { b, a, c in
                         let gs = b[group: g]
                         guard let vfio = Self.claimant(members, in: b, topology: topology) else {
                             return "no sibling is bound to a managed driver VFIO could claim through \(Decide.outcome(a, c))"
                         }
                         let t = Self.token(of: vfio, in: b, topology: topology)
                         let why = gs.owner == .none ? "the group is unowned: owner becomes \(topology.describeOwnerField(t))"
                             : gs.owner == t ? "T = \(topology.describeOwnerField(t)) already owns the group"
                             : "T = \(topology.describeOwnerField(t)) is not the owner"
                         return "\(Decide.group(g, b, topology, count: false)): \(why) \(Decide.outcome(a, c))"
                     }) { w, _ in
                    var gs = w[group: g]
                    gs.mutexHolder = nil
                    defer { w[group: g] = gs }
                    // A refused claim: the user closes the group fd it opened (VFIOFrontEnd.openGroup).
                    guard let vfio = Self.claimant(members, in: w, topology: topology) else { VFIOFrontEnd.closeGroup(&w, g); return .finish(.EINVAL) }
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
        case .release(let g, let o):
            return Program([
                VFIOFrontEnd.unsetContainer(g, owner: o, topology: topology),
                KernelSteps.lockGroup("iommu_group_release_dma_owner", note: "Only the owner can release a user-owned group."),
                Step("iommu_group_release_dma_owner", "if (domain != user domain) return -EINVAL; owner = NULL; domain = default; mutex_unlock",
                     note: "The default domain returns.", scope: .group,
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
        case .dclaim, .drelease, .kclaim, .krelease:
            return KernelSteps.unsupported(op, scheme: .robin)
        }
    }

    /// Take the mutex, scan the siblings' drivers without their locks, drop ownership if nobody holds the token.
    private func releaseScan(_ d: Int, _ g: Int, _ topology: Topology, label: String?) -> [Step] {
        let siblings = topology.groups[g].devices.filter { $0 != d }
        return [
            KernelSteps.lockGroup("iommu_device_unuse_default_domain", note: "The release scan runs with group->mutex held, but not the siblings' device locks.", label: label),
            Step("iommu_device_unuse_default_domain", "for each tmp: if (T(tmp) == owner) keep; none kept: owner = NULL, default domain; mutex_unlock",
                 note: "Each sibling's dev->driver is read without its device_lock: see the case labels (1.a … 4.b).", role: .releaseScan, scope: .groupAndMembers,
                 explain: { b, a, c in
                     let owner = b[group: g].owner
                     if owner == .none { return "owner is NULL: nothing to release \(Decide.outcome(a, c))" }
                     let reads = siblings.map { tmp in
                         let t = Self.token(of: tmp, in: b, topology: topology)
                         return "\(topology.devices[tmp].name): T = \(topology.describeOwnerField(t))\(t == owner ? " (matches)" : "")"
                     }
                     let kept = siblings.contains { Self.token(of: $0, in: b, topology: topology) == owner }
                     let verdict = kept ? "a sibling still holds the token → kept" : "no sibling holds the token → owner = NULL, domain default"
                     return "owner \(topology.describeOwnerField(owner)); " + (reads.isEmpty ? "no siblings" : reads.joined(separator: "; ")) + ": \(verdict)"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                if gs.owner != .none && !siblings.contains(where: { Self.token(of: $0, in: w, topology: topology) == gs.owner }) {
                    gs.owner = .none
                    // Dropping ownership gives the group back to the kernel, as iommu_group_release_dma_owner
                    // does: VFIO's remove() waits for its user to let go, so no user domain outlives it.
                    gs.domain = .default
                }
                w[group: g] = gs
                return .next
            },
        ]
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
}
