/// Before 5.19: no ownership state. VFIO only notices a kernel driver in its group at the
/// BOUND_DRIVER notification, after `probe()` already ran, and then crashes the machine.
struct NotifierScheme: Scheme {
    let info = SchemeInfo(
        id: .notifier, title: "pre-5.19 group notifier",
        summary: "Nothing enforces ownership. VFIO's claim (SET_CONTAINER) refuses only a group already in a container and attaches the container's domain to the whole group; viability (every sibling unbound, on vfio-pci/pci-stub, or a bridge, read without a lock) gates only opening a device fd, and QEMU's own check before claiming. The group notifier does nothing at BIND_DRIVER and, at BOUND_DRIVER, BUG_ON()s if a non-viable driver appeared in a group with container users. By then probe() has run and the driver may already be doing DMA.",
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
                VFIOFrontEnd.openGroup(g, owner: o, topology: topology, era: .v5_18, extra: "; container_users++") { w in
                    // vfio_group_set_container: no viability check, only container_users.
                    w[group: g].owner = .user(o)
                },
                KernelSteps.lockGroup("iommu_attach_group", note: "vfio_group_set_container checked no sibling: the container's domain is attached to the whole group."),
                Step("iommu_attach_group", "group->domain = container domain; mutex_unlock",
                     note: "A kernel driver already doing DMA on a sibling is now translated through the VM's domain: isolation is broken, and nothing notices.",
                     scope: .group) { w, _ in
                    w[group: g].domain = .user(o)
                    w.unlockGroup(g)
                    return .next
                },
                Step("vfio_group_get_device_fd", "if (!vfio_group_viable(group)) return -EINVAL; return fd",
                     note: "Viability gates only the device fd (each sibling's dev->driver read without its lock). QEMU checks VIABLE with GET_STATUS before it claims, but the kernel did not: it relied on user space.",
                     scope: .groupAndMembers,
                     explain: { b, a, c in
                         if let bad = members.first(where: { !Self.viable($0, in: b, topology: topology) }) {
                             return "\(Decide.driver(bad, b, topology)), which is not viable (read without its lock) \(Decide.outcome(a, c))"
                         }
                         return "every sibling is viable (unbound, managed or a bridge, as read without their locks) \(Decide.outcome(a, c))"
                     }) { w, c in
                    if members.allSatisfy({ Self.viable($0, in: w, topology: topology) }) {
                        w[holders: g].userDMA = true
                        return .finish(.ok)
                    }
                    w[thread: c.thread].result = .EINVAL
                    return .next
                },
                KernelSteps.lockGroup("vfio_group_try_dissolve_container", note: "QEMU gives up on the device and closes the group: the container is dissolved."),
                Step("iommu_detach_group", "domain = default; container_users = 0; group->container = NULL; mutex_unlock; return -EINVAL",
                     note: "The default domain returns; the claim failed, but the sibling's DMA already went through the VM's domain.", scope: .group) { w, c in
                    Self.dissolve(&w, g)
                    return .finish(w[thread: c.thread].result)
                },
            ])
        case .release(let g, let o):
            return Program([
                VFIOFrontEnd.unsetContainer(g, owner: o, topology: topology),
                KernelSteps.lockGroup("iommu_detach_group", note: "The container's domain is detached."),
                Step("iommu_detach_group", "domain = default; container_users = 0; group->container = NULL; wake_up(container_q); mutex_unlock",
                     note: "The default domain returns at once: there is no ownership to drop.", scope: .group) { w, _ in
                    Self.dissolve(&w, g)
                    return .finish(.ok)
                },
            ])
        case .dclaim, .drelease, .kclaim, .krelease:
            return KernelSteps.unsupported(op, scheme: .notifier)
        }
    }

    /// `__vfio_group_unset_container`: the container's domain goes, the default one returns, and
    /// the group fd is closed (waiters in `vfio_del_group_dev` wake). Called with the mutex held.
    private static func dissolve(_ w: inout World, _ g: Int) {
        var gs = w[group: g]
        gs.mutexHolder = nil
        gs.owner = .none
        gs.domain = .default
        w[group: g] = gs
        VFIOFrontEnd.closeGroup(&w, g)
    }

    /// There is no ownership state to go stale; the crash is the failure this scheme shows.
    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? { nil }
}
