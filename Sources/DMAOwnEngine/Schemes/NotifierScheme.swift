/// Before 5.19: no ownership state. VFIO only notices a kernel driver in its group at the
/// BOUND_DRIVER notification, after `probe()` already ran, and then crashes the machine. The VFIO
/// front end is 5.18's (`VFIOFrontEnd.Era.v5_18`).
struct NotifierScheme: Scheme {
    let info = SchemeInfo(
        id: .notifier, title: "pre-5.19 group notifier",
        summary: "Nothing enforces ownership. VFIO's claim (SET_CONTAINER, then SET_IOMMU) refuses only a group already in a container: it raises container_users and then attaches the container's domain to the whole group. Viability (every sibling unbound, on pci-stub by name, bound to a VFIO driver, or a bridge, read without a lock) gates only opening a device fd, and QEMU's own check before claiming; driver_managed_dma does not exist yet. The group notifier does nothing at BIND_DRIVER and, at BOUND_DRIVER, BUG_ON()s if a non-viable driver appeared in a group with container users. By then probe() has run and the driver may already be doing DMA.",
        sources: ["drivers/vfio/vfio.c before 5.19: vfio_iommu_group_notifier(), vfio_dev_viable(), vfio_dev_driver_allowed(), vfio_group_set_container(), vfio_ioctl_set_iommu()",
                  "[PATCH v6 10/11] vfio: Remove iommu group notifier, Lu Baolu, 18 Feb 2022 (the removed code)",
                  "[PATCH v8 00/11] Fix BUG_ON in vfio_iommu_group_notifier(), Lu Baolu, Apr 2022"])

    /// No ownership count before 5.19: VFIO only notices drivers after the fact.
    var hasOwnerCount: Bool { false }

    /// `vfio_dev_viable` (drivers/vfio/vfio.c, 5.18): the device has no driver; or
    /// `vfio_dev_driver_allowed` lets it through: a PCI device whose header type is not normal (a
    /// bridge, whatever its driver: "vfio: Whitelist PCI bridges", 5f096b14d421b) or a driver named
    /// in `vfio_driver_allowed[] = { "pci-stub" }`; or `vfio_group_get_device` finds it in the VFIO
    /// group, i.e. a VFIO driver's probe registered it (`vfio_register_group_dev`) and its remove
    /// has not unregistered it; or it is on `group->unbound_list`, where 5.18's
    /// `vfio_unregister_group_dev` puts a VFIO device when its remove() begins and the
    /// UNBOUND_DRIVER notification takes it off once `dev->driver` is NULL ("vfio: Remove the
    /// unbound_list" deleted it in 5.19). So a VFIO driver's device is viable from its
    /// registration in probe() until its unbind is done. `driver_managed_dma` arrived only in 5.19:
    /// pcieport on a non-bridge, or any other managed driver, is not viable here.
    static func viable(_ d: Int, in w: World, topology: Topology) -> Bool {
        let ds = w[device: d]
        guard let drv = ds.driver else { return true }
        if topology.devices[d].bridge || topology.drivers[drv].name == "pci-stub" { return true }
        return ds.vfioRegistered || (ds.phase == .removing && topology.drivers[drv].vfio)
    }

    /// `atomic_read(&group->container_users)`: raised by SET_CONTAINER (`vfio_group_set_container`)
    /// and dropped to 0 by `vfio_group_unset_container`'s `atomic_cmpxchg(.., 1, 0)` or
    /// `vfio_group_try_dissolve_container`'s `atomic_dec_if_positive`, both *before*
    /// `__vfio_group_unset_container` detaches the container's domain. So it is not the VFIO holder
    /// (`GroupHolders.vfioUser`, cleared only once the group has left the container): between the
    /// two, the group still translates through the VM's domain and the BOUND_DRIVER check is off.
    static func hasContainerUsers(_ g: Int, in w: World) -> Bool { w[holders: g].containerUsers }

    func program(for op: Operation, in topology: Topology) -> Program {
        switch op {
        case .bind(let d, let drv):
            let g = topology.devices[d].group
            return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: .kernel, hooks: .init(
                dmaConfigure: [Step("vfio_iommu_group_notifier", "BIND_DRIVER: nothing to check yet",
                                    note: "Before 5.19 nobody asks whether the group is safe for a kernel driver before probe().", scope: .device) { _, _ in .next }],
                dmaCleanup: [],
                boundNotifier: { w in
                    // vfio_group_nb_verify: BUG_ON(!vfio_dev_viable(dev)) when atomic_read(&group->container_users).
                    if Self.hasContainerUsers(g, in: w), !Self.viable(d, in: w, topology: topology) { w.bugOn() }
                }))
        case .unbind(let d):
            return KernelSteps.unbind(device: d, topology: topology, hooks: .init(afterRemove: [KernelSteps.finishUnbind(d)]))
        case .claim(let g, let o):
            let members = topology.groups[g].devices
            return Program([
                VFIOFrontEnd.openGroup(g, owner: o, topology: topology, era: .v5_18,
                                       extra: "; group->container = container; atomic_inc(&group->container_users) /* no IOMMU set yet: nothing attached */",
                                       extraNote: "The model takes QEMU's first-group path: SET_CONTAINER on a fresh container, then VFIO_SET_IOMMU. vfio_ioctl_set_iommu refuses a container with no group (list_empty(&container->group_list): -EINVAL), so every container's first group is in it, with container_users raised, before anything is attached. (A later group joining a container whose IOMMU is already set is attached inside vfio_group_set_container, by driver->ops->attach_group, before atomic_inc(&group->container_users); each claim here is its own container's first group.) From now on the BOUND_DRIVER check is armed, while every device still uses the default domain."),
                KernelSteps.lockGroup("iommu_attach_group", note: "VFIO_SET_IOMMU: vfio_ioctl_set_iommu → __vfio_container_attach_groups → vfio_iommu_type1_attach_group → iommu_attach_group, which takes group->mutex. Nothing checked a sibling: container_users was raised without looking at them."),
                Step("iommu_attach_group", "group->domain = container domain; mutex_unlock",
                     note: "Only now does the group's DMA go through the VM's domain: a kernel driver already doing DMA on a sibling is translated through qemu's page tables. Isolation is broken here, and nothing notices.",
                     scope: .group) { w, _ in
                    w[group: g].owner = .user(o)
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
                         return "every sibling is viable (unbound, on pci-stub, in the VFIO group or a bridge, as read without their locks) \(Decide.outcome(a, c))"
                     }) { w, c in
                    if members.allSatisfy({ Self.viable($0, in: w, topology: topology) }) {
                        w[holders: g].userDMA = true
                        return .finish(.ok)
                    }
                    w.setResult(.EINVAL, ofThread: c.thread)
                    return .next
                },
                Step("vfio_group_try_dissolve_container",
                     "if (0 == atomic_dec_if_positive(&group->container_users)) __vfio_group_unset_container(group) → iommu_detach_group: mutex_lock(&group->mutex)",
                     note: "QEMU gives up on the device and closes the group (vfio_group_fops_release → vfio_group_try_dissolve_container, 5.18 drivers/vfio/vfio.c). container_users drops to 0 first, so the BOUND_DRIVER check is off from here, while the VM's domain is still attached: it goes only at the next step (__vfio_group_unset_container → driver->ops->detach_group → vfio_iommu_type1_detach_group → iommu_detach_group). The decrement and the mutex are one step because nothing else can hold this group's mutex here: kernel binds take none before 5.19, and VFIO lets no second user in.",
                     acquires: .groupMutex, scope: .group) { w, _ in
                    w[holders: g].containerUsers = false
                    return .next
                },
                Step("iommu_detach_group", "group->domain = default_domain; mutex_unlock; group->container = NULL; return -EINVAL",
                     note: "The default domain returns (__vfio_group_unset_container, then group->container = NULL and wake_up(&group->container_q)); the claim failed, but the sibling's DMA already went through the VM's domain.", scope: .group) { w, c in
                    Self.dissolve(&w, g)
                    return .finish(w.result(ofThread: c.thread))
                },
            ])
        case .release(let g, let o):
            return Program([
                VFIOFrontEnd.unsetContainer(g, owner: o, topology: topology, dropsContainerUsers: true),
                KernelSteps.lockGroup("iommu_detach_group", note: "__vfio_group_unset_container (5.18 drivers/vfio/vfio.c): down_write(&container->group_lock), then driver->ops->detach_group → vfio_iommu_type1_detach_group → iommu_detach_group, which takes group->mutex. container_users is already 0: the VM's domain is still attached, but a sibling's BOUND_DRIVER no longer checks anything."),
                Step("iommu_detach_group", "group->domain = default_domain; mutex_unlock; group->container = NULL; wake_up(&group->container_q)",
                     note: "The default domain returns at once: there is no ownership to drop. Then __vfio_group_unset_container clears group->container and wakes container_q (a vfio-pci remove() waiting in vfio_unregister_group_dev goes on).", scope: .group) { w, _ in
                    Self.dissolve(&w, g)
                    return .finish(.ok)
                },
            ])
        case .dclaim, .drelease, .kclaim, .krelease:
            return KernelSteps.unsupported(op, scheme: .notifier)
        }
    }

    /// The end of `__vfio_group_unset_container`: the container's domain goes, the default one
    /// returns, `group->container = NULL` (waiters on `container_q` in `vfio_unregister_group_dev`
    /// wake). Called with the mutex held; `container_users` is already 0.
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
