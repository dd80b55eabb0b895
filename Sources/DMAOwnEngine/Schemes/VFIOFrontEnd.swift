/// The user-space front ends that stand between a VM and the IOMMU core (DOMAIN 3.1): the VFIO
/// group (`/dev/vfio/N`, drivers/vfio/group.c, vfio.c before 6.2) and a VFIO device's cdev bound
/// to an iommufd context (drivers/vfio/device_cdev.c, drivers/iommu/iommufd/device.c).
///
/// Every scheme runs these checks before it asks the IOMMU core anything, because the kernel did:
/// one user per group, and only while a device of the group is bound to a VFIO driver. The state
/// they keep lives in `World.GroupHolders` and `World.DeviceBinding`.
enum VFIOFrontEnd {
    /// Whether `/dev/vfio/N` exists: some device of group `g` is registered with VFIO. A VFIO
    /// driver's `probe()` registers it (`vfio_register_group_dev`), before `driver_bound()`; its
    /// `remove()` unregisters it only after waiting for the user (`vfio_unregister_group_dev`: the
    /// group's reference, 5.18 `vfio_group_put`, 6.6 `group->drivers` in
    /// `vfio_device_remove_group`, is dropped after the wait), so the group stays openable while an
    /// unbind waits for its user. `vfio_group_fops_open` fails once no device is left.
    ///
    /// Reads one bit per member (`World.vfioRegistered(ofDevice:)`) rather than decoding each
    /// member's record: every `claim` the explorer steps asks it (issue 14).
    static func groupIsOpenable(_ g: Int, in w: World, topology: Topology) -> Bool {
        for d in topology.groups[g].devices where w.vfioRegistered(ofDevice: d) { return true }
        return false
    }

    /// Whether device `d` has a VFIO cdev to open (6.6: `vfio_device_add` in
    /// `vfio_register_group_dev`, from `probe()`). Its `remove()` deletes the cdev first
    /// (`vfio_device_del`, before it waits for the user), so a device being unbound has none.
    static func deviceIsOpenable(_ d: Int, in w: World, topology: Topology) -> Bool {
        let ds = w[device: d]
        return ds.vfioRegistered && ds.phase != .removing
    }

    /// `vfio_register_group_dev` at the end of a successful `probe()` of a VFIO driver; the caller
    /// asks only for a VFIO driver (`KernelSteps.isVFIO`), once when it builds the step rather than
    /// on every probe the explorer takes.
    @inline(__always)
    static func register(_ d: Int, in w: inout World) {
        w.setVFIORegistered(true, ofDevice: d)
    }

    /// Which kernel's VFIO group code a scheme runs. The group-open step's logic is the same in
    /// every era (one user per group, only while a VFIO device is registered, a second
    /// SET_CONTAINER refused); the fields the kernel checks, and so the step's words, are not.
    enum Era: Sendable, Hashable {
        /// drivers/vfio/vfio.c of 5.16 to 5.18: the notifier (5.18), and the v6 series and Robin's
        /// proposal, both posted in Feb 2022 against 5.17-rc. `vfio_group_fops_open`:
        /// `refcount_inc_not_zero(&group->users)` (-ENODEV once the last vfio_device is gone),
        /// `atomic_cmpxchg(&group->opened, 0, 1)` (-EBUSY); `vfio_group_set_container`:
        /// `atomic_read(&group->container_users)` (-EINVAL).
        case v5_18
        /// drivers/vfio/vfio.c of 5.19 (merged): the same checks under `group->group_rwsem`, the
        /// single-open flag now `group->opened_file` ("vfio: Simplify the life cycle of the group FD").
        case v5_19
        /// drivers/vfio/group.c of 6.6+ (iommufd with device cdevs): `refcount_read(&group->drivers)`,
        /// `group->cdev_device_open_cnt` and `group->opened_file` in `vfio_group_fops_open`,
        /// `vfio_group_has_iommu` in `vfio_group_ioctl_set_container`.
        case v6_6

        /// The group-open step's code line: what this era's kernel checks, in its field names.
        var openCode: String {
            switch self {
            case .v5_18:
                "if (!refcount_inc_not_zero(&group->users)) return -ENODEV; if (atomic_cmpxchg(&group->opened, 0, 1)) return -EBUSY; SET_CONTAINER: if (atomic_read(&group->container_users)) return -EINVAL"
            case .v5_19:
                "if (!refcount_inc_not_zero(&group->users)) return -ENODEV; if (group->opened_file) return -EBUSY; SET_CONTAINER: if (atomic_read(&group->container_users)) return -EINVAL"
            case .v6_6:
                "if (!refcount_read(&group->drivers)) return -ENODEV; if (group->cdev_device_open_cnt || group->opened_file) return -EBUSY; SET_CONTAINER: if (vfio_group_has_iommu(group)) return -EINVAL"
            }
        }

        /// The group-open step's note: the same three rules, cited in this era's functions.
        var openNote: String {
            let rules = "VFIO comes before the IOMMU core: /dev/vfio/N exists only while a device of the group is bound to a VFIO driver, the group fd is single-open (another user: -EBUSY), and SET_CONTAINER refuses a group already in a container (the same user: -EINVAL)."
            switch self {
            case .v5_18:
                return rules + " 5.18 drivers/vfio/vfio.c: vfio_group_fops_open drops the open once group->users is 0 and lets one opener through atomic_cmpxchg(&group->opened, 0, 1); vfio_group_set_container refuses a group whose container_users is set."
            case .v5_19:
                return rules + " 5.19 drivers/vfio/vfio.c: vfio_group_fops_open, under group->group_rwsem, refuses a second opener through group->opened_file; vfio_group_set_container refuses a group whose container_users is set."
            case .v6_6:
                return rules + " 6.6 drivers/vfio/group.c: vfio_group_fops_open needs group->drivers and refuses an opened group fd or a device cdev already open (cdev_device_open_cnt); vfio_group_ioctl_set_container refuses a group that has an IOMMU (vfio_group_has_iommu)."
            }
        }
    }

    /// `claim G OWNER` begins here: open `/dev/vfio/G` and `VFIO_GROUP_SET_CONTAINER` up to the
    /// point where the IOMMU core is asked. On success the user holds the group (not yet doing DMA).
    ///
    /// `era` picks the kernel's words for the same checks. `extra` names what the scheme's step
    /// also does in the same moment (the notifier's `atomic_inc(&group->container_users)`), so it
    /// reads in the step's code; `extraNote` says why, after the front end's own note.
    static func openGroup(_ g: Int, owner o: Int, topology: Topology, era: Era, extra: String = "", extraNote: String = "",
                          then: (@Sendable (inout World) -> Void)? = nil) -> Step {
        let members = topology.groups[g].devices
        // What the action asks of every member, as bits read in words (`WorldBits`): registered
        // with VFIO (`groupIsOpenable`), bound to an iommufd context through its cdev.
        let groups = topology.groups.count, devices = topology.devices.count
        let registered = WorldBits(members.map { (World.phaseByte(ofDevice: $0, groups: groups), 0x10) }, in: topology)
        let boundToIommufd = WorldBits(members.map { (World.bindingByte(ofDevice: $0, groups: groups, devices: devices), 0x7F) }, in: topology)
        return Step("vfio_group_fops_open",
                    era.openCode + extra,
                    note: extraNote.isEmpty ? era.openNote : era.openNote + " " + extraNote,
                    scope: .groupAndVFIOMembers,
                    explain: { b, a, c in
                        let gid = topology.groups[g].id, who = topology.owners[o]
                        let why: String
                        if !groupIsOpenable(g, in: b, topology: topology) {
                            why = "no device of group \(gid) is bound to a VFIO driver, so /dev/vfio/\(gid) does not exist"
                        } else if let holder = b[holders: g].vfioUser {
                            why = holder == o ? "\(who) already has the group in its container" : "\(topology.owners[holder]) has /dev/vfio/\(gid) open"
                        } else if members.contains(where: { b[binding: $0].context != nil }) {
                            why = "a device of group \(gid) is bound to iommufd through its cdev"
                        } else {
                            why = "/dev/vfio/\(gid) exists and is free: \(who) opens it"
                        }
                        return "\(why) \(Decide.outcome(a, c))"
                    }) { w, _ in
            assert(w.anySet(registered) == groupIsOpenable(g, in: w, topology: topology), "the registration bits disagree with groupIsOpenable")
            assert(w.anySet(boundToIommufd) == members.contains { w[binding: $0].context != nil }, "the binding bits disagree with the members' bindings")
            guard w.anySet(registered) else { return .finish(.ENODEV) }
            var h = w[holders: g]
            if let holder = h.vfioUser { return .finish(holder == o ? .EINVAL : .EBUSY) }
            if w.anySet(boundToIommufd) { return .finish(.EBUSY) }
            h.vfioUser = o
            h.containerUsers = true     // SET_CONTAINER: atomic_inc(&group->container_users)
            w[holders: g] = h
            then?(&w)
            return .next
        }
    }

    /// `release G OWNER` begins here: `VFIO_GROUP_UNSET_CONTAINER` refuses a group this user does
    /// not hold in a container; the user has stopped its DMA before it asks.
    ///
    /// `dropsContainerUsers` is 5.18's order (the notifier): `vfio_group_unset_container` checks
    /// the group with `atomic_cmpxchg(&group->container_users, 1, 0)`, so the count is 0 from this
    /// step on, before `__vfio_group_unset_container` detaches the container's domain.
    static func unsetContainer(_ g: Int, owner o: Int, topology: Topology, function: String = "vfio_group_unset_container",
                               dropsContainerUsers: Bool = false) -> Step {
        Step(function,
             dropsContainerUsers
                ? "if (!atomic_cmpxchg(&group->container_users, 1, 0)) return -EINVAL; /* the user has stopped its DMA; container_users is 0 from here */"
                : "if (!group->container) return -EINVAL; /* the user has stopped its DMA */",
             note: dropsContainerUsers
                ? "Only the user holding the group with its claim complete can unset the container; VFIO serialises SET and UNSET of one group, so a release never overtakes its own claim. 5.18 drivers/vfio/vfio.c, vfio_group_unset_container: the check is atomic_cmpxchg(&group->container_users, 1, 0), so container_users is already 0 here, before __vfio_group_unset_container detaches the container's domain (driver->ops->detach_group → vfio_iommu_type1_detach_group → iommu_detach_group). Until then the group still translates through the VM's domain, but the BOUND_DRIVER check (vfio_group_nb_verify) is disarmed: a kernel driver binding to a sibling now probes into the VM's domain and nothing crashes."
                : "Only the user holding the group with its claim complete can unset the container; VFIO serialises SET and UNSET of one group, so a release never overtakes its own claim.",
             scope: .group,
             explain: { b, a, c in
                 let h = b[holders: g], who = topology.owners[o]
                 let why = h.vfioUser == o && h.userDMA ? "\(who) holds the group in its container"
                     : h.vfioUser == o ? "\(who)'s claim has not returned yet"
                     : "\(who) holds no container on this group"
                 return "\(why) \(Decide.outcome(a, c))"
             }) { w, _ in
            var h = w[holders: g]
            guard h.vfioUser == o, h.userDMA else { return .finish(.EINVAL) }
            h.userDMA = false
            if dropsContainerUsers { h.containerUsers = false }
            w[holders: g] = h
            return .next
        }
    }

    /// The user lets go of the group (the container is unset, the group fd closed): a VFIO driver's
    /// `remove()` waiting in `vfio_unregister_group_dev` may go on.
    static func closeGroup(_ w: inout World, _ g: Int) {
        var h = w[holders: g]
        h.vfioUser = nil
        h.userDMA = false
        h.containerUsers = false
        w[holders: g] = h
    }

    /// `dclaim DEVICE CTX` begins here: open the device's cdev and `VFIO_DEVICE_BIND_IOMMUFD` up to
    /// `iommufd_device_bind`'s `iommu_device_claim_dma_owner`. On success the device is bound to the
    /// context (not yet doing DMA).
    static func bindIommufd(_ d: Int, owner o: Int, topology: Topology) -> Step {
        let g = topology.devices[d].group
        return Step("vfio_df_ioctl_bind_iommufd",
                    "if (!vfio_device_try_get_registration(dev)) return -ENODEV; if (group->opened_file) return -EBUSY; if (device->open_count) return -EINVAL",
                    note: "The cdev exists only while the device is bound to a VFIO driver; vfio_device_block_group refuses a group opened through /dev/vfio/N (-EBUSY); a device is bound to one context once (vfio_df_open: -EINVAL).",
                    scope: .deviceDMAAndGroup,
                    explain: { b, a, c in
                        let name = topology.devices[d].name
                        let why: String
                        if !deviceIsOpenable(d, in: b, topology: topology) {
                            why = "\(name) is not bound to a VFIO driver, so it has no cdev"
                        } else if let holder = b[holders: g].vfioUser {
                            why = "\(topology.owners[holder]) has the group open through /dev/vfio"
                        } else if let ctx = b[binding: d].context {
                            why = "\(name) is already bound to \(topology.owners[ctx])"
                        } else {
                            why = "\(name) is free: it is bound to \(topology.owners[o])"
                        }
                        return "\(why) \(Decide.outcome(a, c))"
                    }) { w, _ in
            guard deviceIsOpenable(d, in: w, topology: topology) else { return .finish(.ENODEV) }
            if w[holders: g].vfioUser != nil { return .finish(.EBUSY) }
            if w[binding: d].context != nil { return .finish(.EINVAL) }
            w[binding: d] = World.DeviceBinding(context: o, userDMA: false)
            return .next
        }
    }

    /// `drelease DEVICE CTX` begins here: only a device bound to this context, its attach complete,
    /// can be unbound; any other device's claim is left alone.
    static func unbindIommufd(_ d: Int, owner o: Int, topology: Topology) -> Step {
        Step("vfio_df_unbind_iommufd", "if (!df->access_granted) return -EINVAL; /* the user has stopped its DMA */",
             note: "Unbinding from the context is only possible for a device bound to it; releasing a device that is not claimed is an error and never drops another device's claim.",
             scope: .deviceDMA,
             explain: { b, a, c in
                 let bd = b[binding: d], name = topology.devices[d].name, who = topology.owners[o]
                 let why = bd.context == o && bd.userDMA ? "\(name) is bound to \(who)"
                     : bd.context == o ? "\(name)'s bind to \(who) has not returned yet"
                     : "\(name) is not bound to \(who)"
                 return "\(why) \(Decide.outcome(a, c))"
             }) { w, _ in
            var b = w[binding: d]
            guard b.context == o, b.userDMA else { return .finish(.EINVAL) }
            b.userDMA = false
            w[binding: d] = b
            return .next
        }
    }
}
