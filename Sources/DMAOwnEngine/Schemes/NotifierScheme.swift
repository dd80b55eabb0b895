/// Before 5.19: no ownership state. VFIO only notices a kernel driver in its group at the
/// BOUND_DRIVER notification, after `probe()` already ran, and then crashes the machine.
struct NotifierScheme: Scheme {
    let info = SchemeInfo(
        id: .notifier, title: "pre-5.19 group notifier",
        summary: "Nothing enforces ownership. VFIO's claim checks that every sibling is viable (unbound, on vfio-pci/pci-stub, or a bridge) by reading their drivers without a lock; its group notifier does nothing at BIND_DRIVER and, at BOUND_DRIVER, BUG_ON()s if a non-viable driver appeared in a group with container users. By then probe() has run and the driver may already be doing DMA.",
        sources: ["drivers/vfio/vfio.c before 5.19: vfio_iommu_group_notifier(), vfio_dev_viable()",
                  "[PATCH v8 00/11] Fix BUG_ON in vfio_iommu_group_notifier(), Lu Baolu, Apr 2022"])

    /// No ownership count before 5.19: VFIO only notices drivers after the fact.
    var hasOwnerCount: Bool { false }

    /// `vfio_dev_viable`: unbound, bound to a managed driver (vfio-pci, pci-stub), or a bridge.
    static func viable(_ d: Int, in w: World, topology: Topology) -> Bool {
        guard let drv = w[device: d].driver else { return true }
        return topology.drivers[drv].managedDMA || topology.devices[d].bridge
    }

    func program(for op: Operation, in topology: Topology) -> Program {
        switch op {
        case .bind(let d, let drv):
            let g = topology.devices[d].group
            return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: .kernel, hooks: .init(
                dmaConfigure: [Step("vfio_iommu_group_notifier", "BIND_DRIVER: nothing to check yet",
                                    note: "Before 5.19 nobody asks whether the group is safe for a kernel driver before probe().", scope: .device) { _, _ in .next }],
                dmaCleanup: [],
                boundNotifier: { w in
                    // BUG_ON(!vfio_dev_viable(dev)) when the group has container users.
                    if case .user = w[group: g].owner, !Self.viable(d, in: w, topology: topology) { w.bugOn() }
                }))
        case .unbind(let d):
            return KernelSteps.unbind(device: d, topology: topology, hooks: .init(afterRemove: [KernelSteps.finishUnbind(d)]))
        case .claim(let g, let o):
            let members = topology.groups[g].devices
            return Program([
                Step("vfio_group_set_container", "if (group->container) return -EBUSY; if (!vfio_group_viable(group)) return -EPERM; container_users++",
                     note: "Viability is read from each sibling's dev->driver without any lock: a bind in flight is not seen.", scope: .groupAndMembers,
                     explain: { b, a, c in
                         if b[group: g].owner != .none { return "the group already has container users \(Decide.outcome(a, c))" }
                         if let bad = members.first(where: { !Self.viable($0, in: b, topology: topology) }) {
                             return "\(Decide.driver(bad, b, topology)), which is not viable \(Decide.outcome(a, c))"
                         }
                         return "every sibling is viable (unbound, managed or a bridge, as read without their locks) \(Decide.outcome(a, c))"
                     }) { w, _ in
                    if w[group: g].owner != .none { return .finish(.EBUSY) }
                    if !members.allSatisfy({ Self.viable($0, in: w, topology: topology) }) { return .finish(.EPERM) }
                    w[group: g].owner = .user(o)
                    return .next
                },
                KernelSteps.lockGroup("iommu_attach_group", note: "The container's domain replaces the default one."),
                Step("iommu_attach_group", "group->domain = container domain; mutex_unlock; return 0", note: "From here the user may do DMA through the group.", scope: .group) { w, _ in
                    w[group: g].domain = .user(o)
                    w.unlockGroup(g)
                    return .finish(.ok)
                },
            ])
        case .release(let g, let o):
            return Program([
                KernelSteps.lockGroup("iommu_detach_group", note: "The container's domain is detached."),
                Step("iommu_detach_group", "if (!group->container) return -EINVAL; domain = default; container_users--; mutex_unlock",
                     note: "The default domain returns at once: there is no ownership to drop.", scope: .group,
                     explain: { b, a, c in
                         let gs = b[group: g]
                         return gs.owner == .user(o) && gs.domain == .user(o)
                             ? "\(topology.owners[o])'s container is attached: it is detached, domain default \(Decide.outcome(a, c))"
                             : "\(topology.owners[o]) has no container attached to the group \(Decide.outcome(a, c))"
                     }) { w, _ in
                    var gs = w[group: g]
                    gs.mutexHolder = nil
                    defer { w[group: g] = gs }
                    // group->container is set only after the container's domain is attached.
                    guard gs.owner == .user(o), gs.domain == .user(o) else { return .finish(.EINVAL) }
                    gs.owner = .none
                    gs.domain = .default
                    return .finish(.ok)
                },
            ])
        case .dclaim, .drelease:
            return KernelSteps.unsupported(op, scheme: .notifier)
        }
    }

    /// There is no ownership state to go stale; the crash is the failure this scheme shows.
    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? { nil }
}
