/// The ownership logic of the Lu Baolu series (v6 as posted, v5.19 as merged) and iommufd's device
/// claims: a per-group `owner_cnt` counting kernel users or claims, and an `owner` token for users.
///
/// The three schemes differ only in the choices below, so they share one implementation rather than
/// three near-copies.
struct CountingOwnership: Sendable {
    /// A second claim by the same owner nests (`owner_cnt += 1`) instead of failing with `-EPERM` (v6).
    var nestSameOwner: Bool
    /// The domain a claim attaches before the user's own: `blocking` (merged) or `none` (v6).
    var claimDomain: Domain
    /// `dclaim`/`drelease` exist (iommufd, 6.2+).
    var deviceClaims: Bool
    var id: SchemeID

    /// The kernel whose VFIO front end this scheme runs: v6 was posted against 5.17-rc (the group
    /// code of 5.16 to 5.18), merged is 5.19, and iommufd's device cdevs are 6.6's group.c.
    var era: VFIOFrontEnd.Era {
        switch id {
        case .v6, .notifier, .robin, .robinLocked: .v5_18
        case .merged: .v5_19
        case .iommufd: .v6_6
        }
    }

    func program(for op: Operation, in topology: Topology) -> Program {
        switch op {
        case .bind(let d, let drv): bind(d, drv, topology)
        case .unbind(let d): unbind(d, topology)
        case .claim(let g, let o): claim(group: g, owner: o, path: .vfioGroup, topology)
        case .release(let g, let o): release(group: g, owner: o, path: .vfioGroup, topology)
        case .kclaim(let g, let o): claim(group: g, owner: o, path: .kernel, topology)
        case .krelease(let g, let o): release(group: g, owner: o, path: .kernel, topology)
        case .dclaim(let d, let o):
            deviceClaims ? claim(group: topology.devices[d].group, owner: o, path: .iommufdDevice(d), topology) : KernelSteps.unsupported(op, scheme: id)
        case .drelease(let d, let o):
            deviceClaims ? release(group: topology.devices[d].group, owner: o, path: .iommufdDevice(d), topology) : KernelSteps.unsupported(op, scheme: id)
        }
    }

    // MARK: Kernel users: bind and unbind

    private func bind(_ d: Int, _ drv: Int, _ topology: Topology) -> Program {
        let g = topology.devices[d].group
        guard KernelSteps.isDMAAPI(drv, topology) else {
            return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: .kernel, hooks: .init(
                dmaConfigure: [Step("dma_configure", "drv->driver_managed_dma: skip iommu_device_use_default_domain()",
                                    note: "A managed driver (vfio-pci, pci-stub, pcieport) takes no kernel count.", scope: .device) { _, _ in .next }],
                dmaCleanup: [], boundNotifier: nil))
        }
        return KernelSteps.bind(device: d, driver: drv, topology: topology, placement: .kernel, hooks: .init(
            dmaConfigure: [
                KernelSteps.lockGroup("iommu_device_use_default_domain", note: "dma_configure asks the IOMMU core for the default domain before probe() may DMA."),
                Step("iommu_device_use_default_domain", "if (owner_cnt && (owner || domain != default)) ret = -EBUSY; else owner_cnt++; mutex_unlock",
                     note: "A user owner, or a non-default domain, refuses the kernel driver before its probe() runs.", scope: .group,
                     explain: { b, a, c in
                         let gs = b[group: g]
                         let refused = gs.ownerCount != 0 && (gs.owner != .none || gs.domain != .default)
                         return "\(Decide.group(g, b, topology)): " + (refused
                             ? "a user owns the group or a non-default domain is attached \(Decide.outcome(a, c))"
                             : "the kernel may use the default domain, owner_cnt becomes \(a[group: g].ownerCount) \(Decide.outcome(a, c))")
                     }) { w, c in
                    let gs = w[group: g]
                    if gs.ownerCount != 0 && (gs.owner != .none || gs.domain != .default) {
                        w.setOwnerCountAndUnlock(gs.ownerCount, ofGroup: g)
                        w.setResult(.EBUSY, ofThread: c.thread)
                        return .goto(.unwind)
                    }
                    w.setOwnerCountAndUnlock(gs.ownerCount + 1, ofGroup: g)
                    return .next
                },
            ],
            dmaCleanup: [
                KernelSteps.lockGroup("iommu_device_unuse_default_domain", note: "dma_cleanup gives back the count taken at dma_configure."),
                Step("iommu_device_unuse_default_domain", "if (!WARN_ON(!owner_cnt)) owner_cnt--; mutex_unlock", note: "The count taken at dma_configure is returned.", scope: .group,
                     explain: { b, a, c in Self.explainDecrement(g, b, a, c, topology) }) { w, _ in
                    Self.decrement(&w, g)
                    return .next
                },
            ],
            boundNotifier: nil))
    }

    private func unbind(_ d: Int, _ topology: Topology) -> Program {
        let g = topology.devices[d].group
        return KernelSteps.unbind(device: d, topology: topology, hooks: .init(afterRemove: [
            Step("dma_cleanup", "if (drv->driver_managed_dma) goto out", note: "Only a DMA-API driver holds a count to give back.", scope: .device,
                 explain: { b, a, c in
                     let drv = Int(b[thread: c.thread].local)
                     return KernelSteps.isDMAAPI(drv, topology)
                         ? "\(topology.drivers[drv].name) is a DMA-API driver: it gives its count back \(Decide.outcome(a, c))"
                         : "\(topology.drivers[drv].name) is driver_managed_dma: it holds no count, nothing to give back \(Decide.outcome(a, c))"
                 }) { w, c in
                KernelSteps.isDMAAPI(Int(w.local(ofThread: c.thread)), topology) ? .next : .goto(.out)
            },
            KernelSteps.lockGroup("iommu_device_unuse_default_domain", note: "After remove() stopped DMA, the kernel count is returned under the mutex."),
            Step("iommu_device_unuse_default_domain", "if (!WARN_ON(!owner_cnt)) owner_cnt--; mutex_unlock", note: "When the count reaches 0 a user may claim the group.", scope: .group,
                 explain: { b, a, c in Self.explainDecrement(g, b, a, c, topology) }) { w, _ in
                Self.decrement(&w, g)
                return .next
            },
            Step("__device_release_driver", "dev->driver = NULL; device_unlock(dev); return 0", note: "The device is unbound and unlocked.", label: .out, scope: .device) { w, _ in
                w.clearDriverAndUnlock(d)
                return .finish(.ok)
            },
        ]))
    }

    /// `owner_cnt 1 → 0`, or the WARN_ON when there was nothing to give back.
    private static func explainDecrement(_ g: Int, _ b: World, _ a: World, _ c: StepContext, _ topology: Topology) -> String {
        let n = b[group: g].ownerCount
        return n == 0 ? "owner_cnt 0: nothing to give back → WARN_ON(!owner_cnt) fires \(Decide.outcome(a, c))"
            : "owner_cnt \(n) → \(n - 1) \(Decide.outcome(a, c))"
    }

    private static func decrement(_ w: inout World, _ g: Int) {
        let n = w.ownerCount(ofGroup: g)
        if n == 0 { w.warn(.unuseDefaultDomain) }
        w.setOwnerCountAndUnlock(n == 0 ? 0 : n - 1, ofGroup: g)
    }

    // MARK: Users: claim and release

    /// How a claim or release reaches the IOMMU core: through VFIO's group front end (`claim`),
    /// through a VFIO device cdev bound to iommufd (`dclaim`), or from an in-kernel caller (`kclaim`).
    enum Path: Equatable {
        case vfioGroup
        case iommufdDevice(Int)
        case kernel
    }

    /// `claim`, `dclaim` or `kclaim`: the front end's checks (none for an in-kernel caller), then
    /// `iommu_{group,device}_claim_dma_owner`, then the owner attaches its own domain.
    private func claim(group g: Int, owner o: Int, path: Path, _ topology: Topology) -> Program {
        let device: Int? = if case .iommufdDevice(let d) = path { d } else { nil }
        let fn = device == nil ? "iommu_group_claim_dma_owner" : "iommu_device_claim_dma_owner"
        let nests = device != nil || nestSameOwner
        let check = nests
            ? "if (owner_cnt) { if (owner != token) return -EPERM; owner_cnt++; } else take ownership"
            : "if (owner_cnt) return -EPERM; if (domain != default) return -EBUSY; take ownership"
        let claimDomain = self.claimDomain
        let attachFn = switch path {
        case .vfioGroup: "vfio_iommu_type1_attach_group"
        case .iommufdDevice: "iommufd_device_attach"
        case .kernel: "iommu_attach_group"
        }
        /// Undoes the front end when the core refuses: the user closes the group fd (QEMU does after
        /// SET_CONTAINER fails), or `vfio_df_ioctl_bind_iommufd` unwinds the device's binding.
        @Sendable func refuse(_ w: inout World, _ e: Errno) -> Flow {
            switch path {
            case .vfioGroup: VFIOFrontEnd.closeGroup(&w, g)
            case .iommufdDevice(let d): w[binding: d] = World.DeviceBinding()
            case .kernel: break
            }
            return .finish(e)
        }
        var steps: [Step] = []
        switch path {
        case .vfioGroup: steps.append(VFIOFrontEnd.openGroup(g, owner: o, topology: topology, era: era))
        case .iommufdDevice(let d): steps.append(VFIOFrontEnd.bindIommufd(d, owner: o, topology: topology))
        case .kernel: break
        }
        steps += [
            KernelSteps.lockGroup(fn, note: path == .kernel
                ? "An in-kernel caller asks the IOMMU core directly: no VFIO front end refuses a second claim first."
                : "Claims are decided under group->mutex, so no probe can slip in between check and take."),
            Step(fn, check + "; mutex_unlock",
                 note: nests ? "The same owner may claim again (the count nests); anyone else is refused." : "Any kernel user, or any existing owner (even the same one), refuses the claim.",
                 scope: device == nil ? .group : .deviceDMAAndGroup,
                 explain: { b, a, c in
                     let gs = b[group: g], who = topology.owners[o]
                     let why: String
                     if gs.ownerCount != 0 {
                         why = nests && gs.owner == .user(o) ? "the same owner claims again, so the count nests to \(gs.ownerCount + 1)"
                             : gs.owner == .none ? "kernel DMA-API users hold the group, so \(who) is refused"
                             : "another claim holds the group, so \(who) is refused"
                     } else if gs.domain != .none && gs.domain != .default {
                         why = "a private domain is attached, so \(who) is refused"
                     } else {
                         why = "nobody uses the group: \(who) owns it, owner_cnt 1, domain \(topology.describeDomain(a[group: g].domain))"
                     }
                     return "\(Decide.group(g, b, topology)): \(why) \(Decide.outcome(a, c))"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                if gs.ownerCount != 0 {
                    guard nests, gs.owner == .user(o) else { w[group: g] = gs; return refuse(&w, .EPERM) }
                    gs.ownerCount += 1
                    w[group: g] = gs
                    // A nested in-kernel claim only counts: its owner's domain is already attached (or
                    // being attached by its first claim). A device claim still attaches (below).
                    return path == .kernel ? .finish(.ok) : .next
                }
                if gs.domain != .none && gs.domain != .default { w[group: g] = gs; return refuse(&w, .EBUSY) }
                gs.domain = claimDomain
                gs.owner = .user(o)
                gs.ownerCount = 1
                w[group: g] = gs
                return .next
            },
            KernelSteps.lockGroup(attachFn, note: "The owner now attaches its own domain."),
            Step(attachFn, "group->domain = user domain; mutex_unlock; return 0", note: "From here the user may do DMA through the group.",
                 scope: device == nil ? .group : .deviceDMAAndGroup) { w, _ in
                w[group: g].domain = .user(o)
                w.unlockGroup(g)
                switch path {
                case .vfioGroup: w[holders: g].userDMA = true
                case .iommufdDevice(let d): w[binding: d].userDMA = true
                case .kernel: w[holders: g].kernelClaimer = o
                }
                return .finish(.ok)
            },
        ]
        return Program(steps)
    }

    /// `release`, `drelease` or `krelease`.
    ///
    /// Two critical sections, as in the kernel: the owner detaches its own domain first (VFIO's
    /// `iommu_detach_group`, iommufd's detach), then `iommu_{group,device}_release_dma_owner` decides
    /// on the count under the mutex again. The count is read in the second section, not carried over
    /// from the first, so a nested claim landing between the two keeps its share of the ownership.
    /// Neither section checks who asks: the IOMMU core trusts its caller, and only the front end
    /// (VFIO's container, the cdev's binding) refuses a user that holds nothing.
    private func release(group g: Int, owner o: Int, path: Path, _ topology: Topology) -> Program {
        let device: Int? = if case .iommufdDevice(let d) = path { d } else { nil }
        let nests = device != nil || nestSameOwner
        let fn = device == nil ? "iommu_group_release_dma_owner" : "iommu_device_release_dma_owner"
        let detachFn = device == nil ? "iommu_detach_group" : "iommufd_device_detach"
        let claimDomain = self.claimDomain
        let core = claimDomain == .none ? "NULL" : "blocking"
        let detachCode = nests
            ? "if (owner_cnt <= 1) domain = owner ? \(core) : default; mutex_unlock"
            : "domain = owner ? \(core) : default; mutex_unlock"
        let releaseCode = device != nil
            ? "if (owner_cnt > 1) owner_cnt--; else { if (WARN_ON(!owner_cnt || !owner)) goto out; owner_cnt = 0; owner = NULL; domain = default; } mutex_unlock"
            : nests ? "if (WARN_ON(!owner_cnt || !owner)) goto out; if (--owner_cnt > 0) goto out; owner = NULL; domain = default; mutex_unlock"
            : "if (WARN_ON(!owner_cnt || !owner)) goto out; owner_cnt = 0; owner = NULL; domain = default; mutex_unlock"
        var steps: [Step] = []
        switch path {
        case .vfioGroup: steps.append(VFIOFrontEnd.unsetContainer(g, owner: o, topology: topology))
        case .iommufdDevice(let d): steps.append(VFIOFrontEnd.unbindIommufd(d, owner: o, topology: topology))
        case .kernel: break
        }
        steps += [
            KernelSteps.lockGroup(detachFn, note: "The owner first detaches its own domain."),
            Step(detachFn, detachCode,
                 note: nests ? "Only the last claim's release detaches the owner's domain; the others leave it for the claims still held."
                     : "The group falls back to the core domain: blocking while still owned, so no DMA gets through until ownership is dropped.",
                 scope: .group,
                 explain: { b, a, c in
                     let gs = b[group: g]
                     let why = !nests || gs.ownerCount <= 1
                         ? "the owner's domain is detached, domain \(topology.describeDomain(a[group: g].domain))"
                         : "other claims remain (owner_cnt \(gs.ownerCount)), so the owner's domain stays attached"
                     return "\(Decide.group(g, b, topology)): \(why) \(Decide.outcome(a, c))"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                if !nests || gs.ownerCount <= 1 { gs.domain = gs.owner == .none ? .default : claimDomain }
                w[group: g] = gs
                return .next
            },
            KernelSteps.lockGroup(fn, note: "Dropping ownership happens under group->mutex, deciding on the count as it is now."),
            Step(fn, releaseCode,
                 note: nests ? "A claim still counted keeps the group owned; the last one gives the default domain back."
                     : "The default domain returns, so kernel drivers may bind again.",
                 scope: device == nil ? .group : .deviceDMAAndGroup,
                 explain: { b, a, c in
                     let gs = b[group: g]
                     let why = nests && gs.ownerCount > 1 ? "other claims remain, owner_cnt becomes \(gs.ownerCount - 1)"
                         : gs.ownerCount == 0 || gs.owner == .none ? "the group is not owned: WARN_ON(!owner_cnt || !owner) fires"
                         : "ownership is dropped: owner NULL, owner_cnt 0, domain default"
                     return "\(Decide.group(g, b, topology)): \(why) \(Decide.outcome(a, c))"
                 }) { w, _ in
                var gs = w[group: g]
                gs.mutexHolder = nil
                defer {
                    w[group: g] = gs
                    // The user has let go: VFIO unsets the container and wakes container_q; iommufd
                    // destroys the idev. A VFIO driver's remove() waiting for it may go on.
                    switch path {
                    case .vfioGroup: VFIOFrontEnd.closeGroup(&w, g)
                    case .iommufdDevice(let d): w[binding: d] = World.DeviceBinding()
                    case .kernel: if gs.owner == .none { w[holders: g].kernelClaimer = nil }
                    }
                }
                if nests && gs.ownerCount > 1 {
                    gs.ownerCount -= 1
                    return .finish(.ok)
                }
                // __iommu_release_dma_ownership: both release paths end here (the device path when it
                // holds the last claim), and its WARN_ON fires on an unowned group.
                if gs.ownerCount == 0 || gs.owner == .none {
                    w.warn(.releaseDMAOwnership)
                    return .finish(.ok)
                }
                gs.ownerCount = 0
                gs.owner = .none
                gs.domain = .default
                return .finish(.ok)
            },
        ]
        return Program(steps)
    }

    // MARK: Judging the end state

    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? {
        let gs = w[group: g]
        let bound = KernelSteps.boundDMAAPICount(group: g, in: w, topology: run.topology)
        let gid = run.topology.groups[g].id
        switch gs.owner {
        case .none where gs.ownerCount != bound:
            return "group \(gid) has owner_cnt \(gs.ownerCount) but \(bound) DMA-API driver\(bound == 1 ? " is" : "s are") bound"
        case .user(let o) where gs.ownerCount == 0:
            return "group \(gid) is owned by \(run.topology.owners[o]) with owner_cnt 0"
        case .user(let o) where !Self.isHeld(g, by: o, in: w, topology: run.topology):
            return "group \(gid) is owned by \(run.topology.owners[o]) (owner_cnt \(gs.ownerCount)) but no user holds it: no VFIO container, no bound iommufd device, no in-kernel claim"
        default:
            return nil
        }
    }
}

extension CountingOwnership {
    /// Whether owner `o` holds group `g` through some front end: VFIO's group, a device bound to
    /// its iommufd context, or an in-kernel claim.
    static func isHeld(_ g: Int, by o: Int, in w: World, topology: Topology) -> Bool {
        let h = w[holders: g]
        return h.vfioUser == o || h.kernelClaimer == o || topology.groups[g].devices.contains { w[binding: $0].context == o }
    }
}

/// v5.19 as merged: exclusive claims that attach a blocking domain (`dmaown help merged`).
struct MergedScheme: Scheme {
    let ownership = CountingOwnership(nestSameOwner: false, claimDomain: .blocking, deviceClaims: false, id: .merged)
    let info = SchemeInfo(
        id: .merged, title: "v5.19 merged",
        summary: "Ownership is an IOMMU-core concept checked under group->mutex. Every DMA-API driver takes a count at dma_configure, before probe(); a user claim needs the count at 0, attaches the blocking domain, and is exclusive, even against the same owner.",
        sources: ["commit 1ea2a07a532b (iommu: Add DMA ownership management interfaces)", "commit 25f3bcfc54bc (driver core: Add dma_cleanup callback in bus_type)",
                  "commit 512881eacfa7 (bus: platform,amba,fsl-mc,PCI: Add device DMA ownership management)", "commit 0286300e6045 (iommu: iommu_group_claim_dma_owner() must always assign a domain)"])
    func program(for op: Operation, in topology: Topology) -> Program { ownership.program(for: op, in: topology) }
    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? { ownership.staleOwnership(ofGroup: g, in: w, run: run) }
}

/// The series as posted in v6 (18 Feb 2022): same-owner claims nest, claims detach to no domain.
struct V6Scheme: Scheme {
    let ownership = CountingOwnership(nestSameOwner: true, claimDomain: .none, deviceClaims: false, id: .v6)
    let info = SchemeInfo(
        id: .v6, title: "v6 series as posted",
        summary: "Like the merged scheme, but a second claim by the same owner nests (owner_cnt += 1) and release restores the default domain only when the count reaches 0; a claim detaches the group to no domain at all rather than a blocking one.",
        sources: ["[PATCH v6 00/11] Fix BUG_ON in vfio_iommu_group_notifier(), Lu Baolu, 18 Feb 2022 (lore.kernel.org)"])
    func program(for op: Operation, in topology: Topology) -> Program { ownership.program(for: op, in: topology) }
    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? { ownership.staleOwnership(ofGroup: g, in: w, run: run) }
}

/// iommufd (6.2+): group claims as merged, plus device claims shared by one context.
struct IommufdScheme: Scheme {
    let ownership = CountingOwnership(nestSameOwner: false, claimDomain: .blocking, deviceClaims: true, id: .iommufd)
    let info = SchemeInfo(
        id: .iommufd, title: "iommufd device claims (6.2+)",
        summary: "Adds iommu_device_claim_dma_owner(): devices of one group may be claimed one by one, and claims by the same iommufd context share the group (owner_cnt counts them) while another context is refused with -EPERM. Releasing the last device claim returns the default domain.",
        sources: ["commit 89395ccedbc1 (iommu: Add device-centric DMA ownership interfaces)"])
    func program(for op: Operation, in topology: Topology) -> Program { ownership.program(for: op, in: topology) }
    func staleOwnership(ofGroup g: Int, in w: World, run: Run) -> String? { ownership.staleOwnership(ofGroup: g, in: w, run: run) }
}
