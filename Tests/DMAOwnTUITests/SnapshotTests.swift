import Testing
@testable import DMAOwnTUI

/// The expected screens, reviewed by eye: text, then one letter per cell for its role.
enum Expected {
    static let s5Text = #"""
 scheme merged │ step 5 of 5 │ seed 1 │ unsaved │ S5: bind races claim
┌ Topology ───────────────────────────────┐┌ Threads ──────────────────────────────────────────────────────────────────┐
│┌ group 7 ──────────────────────────────┐││▶1 bind 0000:01:00.1 e1000e                                                │
││owner nobody  owner_cnt 0              │││  runnable › pinctrl_bind_pins                                             │
││domain default  mutex ◆T2              │││▶2 claim 7 qemu                                                            │
││  01:00.0 vfio-pci bound               │││  runnable › iommu_group_claim_dma_owner                                   │
││  01:00.1 e1000e   probing  ◆T1        │││steps of thread 2:                                                         │
│└───────────────────────────────────────┘││   1  vfio_group_fops_open  if (!refcount_inc_not_zero(&group->users)) ret…│
│                                         ││   2  iommu_group_claim_dma_owner  mutex_lock(&group->mutex)               │
│                                         ││  ›3  iommu_group_claim_dma_owner  if (owner_cnt) return -EPERM; if (domai…│
│                                         ││   4  vfio_iommu_type1_attach_group  mutex_lock(&group->mutex)             │
│                                         ││   5  vfio_iommu_type1_attach_group  group->domain = user domain; mutex_un…│
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         │└───────────────────────────────────────────────────────────────────────────┘
│                                         │┌ Timeline ─────────────────────────────────────────────────────────────────┐
│                                         ││   #T1 T2  step                                                            │
│                                         ││   0       start                                                           │
│                                         ││   1●  │   G7 device_driver_attach: device_lock(dev)                       │
│                                         ││   2●  │   G7 driver_probe_device: if (dev->driver) return -EBUSY          │
│                                         ││   3●  │   G7 really_probe: dev->driver = drv                              │
│                                         ││   4│  ●   G7 vfio_group_fops_open: if (!refco… ⇒ qemu opens it → continues│
│                                         ││›  5│  ●   G7 iommu_group_claim_dma_owner: mutex_lock(&group->mutex)       │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
└─────────────────────────────────────────┘└───────────────────────────────────────────────────────────────────────────┘
 thread 2 iommu_group_claim_dma_owner: mutex_lock(&group->mutex)
 ✓ isolation  ✓ bug-on  ✓ stale-owner  ✓ warn  ✓ deadlock  ✓ lock-order
 Threads: ? help  q quit  1-9 step  Enter step  f fail  u undo  ^R redo  Tab pane  a add  : cmd  s scheme  r rand
"""#
    static let s5Roles = #"""
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBrTT........................................................................B
bbddddddnnnnnndddddddddddd...............bbB..rrrrrrrr.................................................................B
bbdddddddDDDDDDDddddddddCCC..............bbBSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSB
bbM......................................bbB..CCCCCCCC.................................................................B
bbM...........................LLL........bbBdddddddddddddddddd.........................................................B
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbB...ddd....................dddddddddddddddddddddddddddddddddddddddddddddddddB
b.........................................bB...ddd...........................ddddddddddddddddddddddddddd...............B
b.........................................bBSSSdddTTTTTTTTTTTTTTTTTTTTTTTTTTTddddddddddddddddddddddddddddddddddddddddddB
b.........................................bB...ddd.............................ddddddddddddddddddddddddddd.............B
b.........................................bB...ddd.............................ddddddddddddddddddddddddddddddddddddddddB
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bB...........................................................................B
b.........................................bBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
b.........................................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
b.........................................bbddddTTTTTTddddd............................................................b
b.........................................bb...........................................................................b
b.........................................bb....rrrdddddd..............................................................b
b.........................................bb....rrrdddddd..............................................................b
b.........................................bb....rrrdddddd..............................................................b
b.........................................bb....dddrrrddd..................................EEEEEEEEEEEEEEEEEEEEEEEEEEEEb
b.........................................bb....dddrrrddd..............................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
b.........................................bb...........................................................................b
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
........................................................................................................................
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
"""#
    static let robinText = #"""
 scheme robin │ step 8 of 8 │ seed 1 │ unsaved │ Robin: release scan meets a mid-bind sibling
┌ Topology ───────────────────────────────┐┌ Threads ──────────────────────────────────────────────────────────────────┐
│┌ group 7 ──────────────────────────────┐││▶1 unbind 0000:01:00.0                                                     │
││owner the kernel DMA API               │││  runnable › iommu_device_unuse_default_domain                             │
││domain default  mutex ◆T1              │││▶2 bind 0000:01:00.1 e1000e                                                │
││  01:00.0 -        removing ◆T1        │││  runnable › pinctrl_bind_pins                                             │
││  01:00.1 e1000e   probing  ◆T2 2.a.i  │││steps of thread 1:                                                         │
│└───────────────────────────────────────┘││   1  unbind_store  if (dev->driver != drv) return -ENODEV                 │
│                                         ││   2  device_driver_detach  device_lock(dev); if (!dev->driver) { device_u…│
│                                         ││   3  __device_release_driver  drv->remove(dev) (vfio-pci: vfio_unregister…│
│                                         ││   4  __device_release_driver  dev->driver = NULL                          │
│                                         ││   5  iommu_device_unuse_default_domain  mutex_lock(&group->mutex)         │
│                                         ││  ›6  iommu_device_unuse_default_domain  for each tmp != dev: if (T(tmp) =…│
│                                         ││   7  __device_release_driver  device_unlock(dev); return 0                │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         ││                                                                           │
│                                         │└───────────────────────────────────────────────────────────────────────────┘
│                                         │┌ Timeline ─────────────────────────────────────────────────────────────────┐
│                                         ││   #T1 T2  step                                                            │
│                                         ││   0       start                                                           │
│                                         ││   1│  ●   G7 device_driver_attach: device_lock(dev)                       │
│                                         ││   2│  ●   G7 driver_probe_device: if (dev->driver) return -EBUSY          │
│                                         ││   3│  ●   G7 really_probe: dev->driver = drv                              │
│                                         ││   4●  │   G7 unbind_store: if (dev->driver != drv) return -ENODEV         │
│                                         ││   5●  │   G7 device_driver_detach: device_lock(dev); if (!dev->driver) { …│
│                                         ││   6●  │   G7 __device_release_driver: drv->remove(dev) (vfio-pci: vfio_un…│
│                                         ││   7●  │   G7 __device_release_driver: dev->driver = NULL                  │
│                                         ││›  8●  │   G7 iommu_device_unuse_default_domain: mutex_loc… [01:00.1 2.a.i]│
│                                         ││                                                                           │
│                                         ││                                                                           │
│2.a.i: mid-bind DMA-API driver, group    ││                                                                           │
│DMA-API owned: ownership passes to it;   ││                                                                           │
│its claim will be a no-op                ││                                                                           │
└─────────────────────────────────────────┘└───────────────────────────────────────────────────────────────────────────┘
 thread 1 iommu_device_unuse_default_domain: mutex_lock(&group->mutex)
 ✓ isolation  ✓ bug-on  ✓ stale-owner  ✓ warn  ✓ deadlock  ✓ lock-order
 Topology: ? help  q quit  1-9 step  u undo  ^R redo  Tab pane  s scheme  x explore  p scenarios
"""#
    static let robinRoles = #"""
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
BbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBbrTT........................................................................b
BbddddddKKKKKKKKKKKKKKKKKK...............bBb..CCCCCCCC.................................................................b
BbdddddddDDDDDDDddddddddCCC..............bBbrTT........................................................................b
BbM.........dddddddd..........LLL........bBb..rrrrrrrr.................................................................b
BbSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSbBbdddddddddddddddddd.........................................................b
BbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBb...ddd............dddddddddddddddddddddddddddddddddddddddd.................b
B.........................................Bb...ddd....................dddddddddddddddddddddddddddddddddddddddddddddddddb
B.........................................Bb...ddd.......................ddddddddddddddddddddddddddddddddddddddddddddddb
B.........................................Bb...ddd.......................dddddddddddddddddddd..........................b
B.........................................Bb...ddd.................................ddddddddddddddddddddddddddd.........b
B.........................................BbSSSdddTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTddddddddddddddddddddddddddddddddddddb
B.........................................Bb...ddd.......................dddddddddddddddddddddddddddddd................b
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
B.........................................Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
B.........................................Bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
B.........................................BbddddTTTTTTddddd............................................................b
B.........................................Bb...........................................................................b
B.........................................Bb....dddrrrddd..............................................................b
B.........................................Bb....dddrrrddd..............................................................b
B.........................................Bb....dddrrrddd..............................................................b
B.........................................Bb....rrrdddddd..............................................................b
B.........................................Bb....rrrdddddd..............................................................b
B.........................................Bb....rrrdddddd..............................................................b
B.........................................Bb....rrrdddddd..............................................................b
B.........................................Bb....rrrdddddd..............................................EEEEEEEEEEEEEEEEb
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
BRRRRR....................................Bb...........................................................................b
B.........................................Bb...........................................................................b
B.........................................Bb...........................................................................b
BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
........................................................................................................................
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
"""#
    static let s1Text = #"""
 scheme notifier │ step 7 of 7 │ seed 1 │ unsaved │ S1: sibling bind under VFIO
┌ Topology ────────────────────────────┐┌ Threads ─────────────────────────────┐
│┌ group 7 ⚠ isolation ───────────────┐││✘1 bind 0000:01:00.1 e1000e           │
││owner qemu                          │││  crashed (BUG_ON)                    │
││domain qemu's  mutex free           │││steps of thread 1:                    │
││  01:00.0 vfio-pci bound            │││   5  vfio_iommu_group_notifier  BIND…│
││⇄ 01:00.1 e1000e   bound    ◆T1     │││   6  really_probe  drv->probe(dev)   │
│└────────────────────────────────────┘││  ›7  driver_bound  BOUND_DRIVER noti…│
│                                      ││     ⇒ the group has container users  │
│                                      ││     ⇒ and 0000:01:00.1 is bound to   │
│                                      │└──────────────────────────────────────┘
│                                      │┌ Timeline ────────────────────────────┐
│                                      ││   #T1  step                          │
│                                      ││   2●   G7 driver_probe_device: if (d…│
│                                      ││   3●   G7 really_probe: dev->driver …│
│                                      ││   4●   G7 pinctrl_bind_pins: pinctrl…│
│                                      ││   5●   G7 vfio_iommu_group_notifier:…│
│                                      ││   6●   G7 really_probe: … ⚠ isolation│
│                                      ││›  7●   G7 driver_… → crashed ⚠ bug-on│
└──────────────────────────────────────┘└──────────────────────────────────────┘
 ⚠ bug-on: vfio_iommu_group_notifier hit BUG_ON: a non-viable driver bound in a
   group with container users
 ⚠ isolation  ⚠ bug-on  ✓ stale-owner  ✓ warn  ✓ deadlock  ✓ lock-order
 Threads: ? help  q quit  1-9 step  Enter step  f fail  u undo  ^R redo
"""#
    static let s1Roles = #"""
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
bVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVbBSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSB
bVddddddUUUU..........................VbB..ffffffffffffffff....................B
bVddddddduuuuuudddddddddddd...........VbBdddddddddddddddddd....................B
bVM...................................VbB...ddd.........................dddddddB
bVM..................CCCCCCCCCLLL.....VbB...ddd............ddddddddddddddddd...B
bVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVbBSSSdddTTTTTTTTTTTTddddddddddddddddddddB
b......................................bBddddddd...............................B
b......................................bBddddddd...............................B
b......................................bBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
b......................................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
b......................................bbddddTTTddddd..........................b
b......................................bb....rrrddd............................b
b......................................bb....rrrddd............................b
b......................................bb....rrrddd............................b
b......................................bb....rrrddd............................b
b......................................bb....rrrddd................VVVVVVVVVVVVb
b......................................bb....rrrddd.........EEEEEEEEEEVVVVVVVVVb
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
.VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV.
.VVVVVVVVVVVVVVVVVVVVVVVVVVVV...................................................
sVVVVVVVVVVVVsVVVVVVVVVsssssssssssssssssssssssssssssssssssssssssssssssssssssssss
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
"""#
    static let asciiText = #"""
 scheme merged | step 5 of 5 | seed 1 | unsaved | S5: bind races claim
+ Topology ----------------------------++ Threads -----------------------------+
|+ group 7 ---------------------------+||*1 bind 0000:01:00.1 e1000e           |
||owner nobody  owner_cnt 0           |||  runnable > pinctrl_bind_pins        |
||domain default  mutex #T2           |||*2 claim 7 qemu                       |
||  01:00.0 vfio-pci bound            |||  runnable > iommu_group_claim_dma_own|
||  01:00.1 e1000e   probing  #T1     |||steps of thread 2:                    |
|+------------------------------------+||   1  vfio_group_fops_open  if (!refc.|
|                                      ||   2  iommu_group_claim_dma_owner  mu.|
|                                      ||  >3  iommu_group_claim_dma_owner  if.|
|                                      ||   4  vfio_iommu_type1_attach_group  .|
|                                      |+--------------------------------------+
|                                      |+ Timeline ----------------------------+
|                                      ||   #T1 T2  step                       |
|                                      ||   0       start                      |
|                                      ||   1o  |   G7 device_driver_attach: d.|
|                                      ||   2o  |   G7 driver_probe_device: if.|
|                                      ||   3o  |   G7 really_probe: dev->driv.|
|                                      ||   4|  o   G7 vfio_group_fops_open: i.|
|                                      ||>  5|  o   G7 iommu_group_claim_dma_o.|
+--------------------------------------++--------------------------------------+
 thread 2 iommu_group_claim_dma_owner: mutex_lock(&group->mutex)
 v isolation  v bug-on  v stale-owner  v warn  v deadlock  v lock-order
 Threads: ? help  q quit  1-9 step  Enter step  f fail  u undo  ^R redo
"""#
    static let asciiRoles = #"""
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBrTT...................................B
bbddddddnnnnnndddddddddddd............bbB..rrrrrrrr............................B
bbdddddddDDDDDDDddddddddCCC...........bbBSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSB
bbM...................................bbB..CCCCCCCC............................B
bbM...........................LLL.....bbBdddddddddddddddddd....................B
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbB...ddd....................ddddddddddddB
b......................................bB...ddd...........................dddddB
b......................................bBSSSdddTTTTTTTTTTTTTTTTTTTTTTTTTTTdddddB
b......................................bB...ddd.............................dddB
b......................................bBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
b......................................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
b......................................bbddddTTTTTTddddd.......................b
b......................................bb......................................b
b......................................bb....rrrdddddd.........................b
b......................................bb....rrrdddddd.........................b
b......................................bb....rrrdddddd.........................b
b......................................bb....dddrrrddd.........................b
b......................................bb....dddrrrddd.........................b
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
................................................................................
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
"""#
    static let s5minText = #"""
 scheme merged │ step 5 of 5 │ seed 1 │ unsaved │ S5: bind races claim
┌ Topology ────────────────────────────┐┌ Threads ─────────────────────────────┐
│┌ group 7 ───────────────────────────┐││▶1 bind 0000:01:00.1 e1000e           │
││owner nobody  owner_cnt 0           │││  runnable › pinctrl_bind_pins        │
││domain default  mutex ◆T2           │││▶2 claim 7 qemu                       │
││  01:00.0 vfio-pci bound            │││  runnable › iommu_group_claim_dma_own│
││  01:00.1 e1000e   probing  ◆T1     │││steps of thread 2:                    │
│└────────────────────────────────────┘││   1  vfio_group_fops_open  if (!refc…│
│                                      ││   2  iommu_group_claim_dma_owner  mu…│
│                                      ││  ›3  iommu_group_claim_dma_owner  if…│
│                                      ││   4  vfio_iommu_type1_attach_group  …│
│                                      │└──────────────────────────────────────┘
│                                      │┌ Timeline ────────────────────────────┐
│                                      ││   #T1 T2  step                       │
│                                      ││   0       start                      │
│                                      ││   1●  │   G7 device_driver_attach: d…│
│                                      ││   2●  │   G7 driver_probe_device: if…│
│                                      ││   3●  │   G7 really_probe: dev->driv…│
│                                      ││   4│  ●   G7 vfio_group_fops_open: i…│
│                                      ││›  5│  ●   G7 iommu_group_claim_dma_o…│
└──────────────────────────────────────┘└──────────────────────────────────────┘
 thread 2 iommu_group_claim_dma_owner: mutex_lock(&group->mutex)
 ✓ isolation  ✓ bug-on  ✓ stale-owner  ✓ warn  ✓ deadlock  ✓ lock-order
 Threads: ? help  q quit  1-9 step  Enter step  f fail  u undo  ^R redo
"""#
    static let s5minRoles = #"""
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbBrTT...................................B
bbddddddnnnnnndddddddddddd............bbB..rrrrrrrr............................B
bbdddddddDDDDDDDddddddddCCC...........bbBSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSB
bbM...................................bbB..CCCCCCCC............................B
bbM...........................LLL.....bbBdddddddddddddddddd....................B
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbB...ddd....................ddddddddddddB
b......................................bB...ddd...........................dddddB
b......................................bBSSSdddTTTTTTTTTTTTTTTTTTTTTTTTTTTdddddB
b......................................bB...ddd.............................dddB
b......................................bBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
b......................................bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
b......................................bbddddTTTTTTddddd.......................b
b......................................bb......................................b
b......................................bb....rrrdddddd.........................b
b......................................bb....rrrdddddd.........................b
b......................................bb....rrrdddddd.........................b
b......................................bb....dddrrrddd.........................b
b......................................bb....dddrrrddd.........................b
bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
................................................................................
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
ssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssssss
"""#
    static let helpText = #"""
 scheme merged │ step 0 of 0 │ seed 1 │ S5: bind races claim
┌ Help — 1 scenario 2 keys 3 concepts 4 invariants 5 scheme, Esc closes ───────┐
│ SCENARIO                                                                     │
│ title       S5: bind races claim                                             │
│ source      built-in:s5                                                      │
│ scheme      merged (s switches)                                              │
│                                                                              │
│ KEYS                                                                         │
│ theme       default  (t cycles: default, dark)                               │
│ 1-9         step thread N                                                    │
│ Enter Space step the selected thread                                         │
│ f           step the selected thread down its failure branch (may_fail)      │
│ u Bksp      undo the last step                                               │
│ ^R          redo an undone step                                              │
│ b           list the branches: futures kept when stepping from an earlier row│
│ [           switch to the previous branch, at the row where it parts         │
│ ]           switch to the next branch, at the row where it parts             │
│ Up k        previous device, thread or timeline row (shows that world)       │
│ Down j      select next; stepping from an earlier timeline row branches      │
│ PgUp        ten rows up                                                      │
│ PgDn        ten rows down                                                    │
│ Home g      first row (in the timeline: the initial world)                   │
└───────────────────────────────────────────────────── j/k scroll, more below ─┘
 Threads: ? help  q quit  1-9 step  Enter step  f fail  u undo  ^R redo
"""#
    static let tooSmallText = #"""

     terminal too small:
          need 80×24
         (have 30×5)

"""#
    static let tooSmallRoles = #"""
..............................
.....VVVVVVVVVVVVVVVVVVV......
..............................
..............................
..............................
"""#
}

/// Screen snapshots of `App.render` (text plus a role grid), at 120×40 and the minimum size,
/// in Unicode and ASCII, and the too-small screen.
@Suite struct SnapshotTests {
    func check(_ s: AppState, _ size: Size, _ glyphs: Glyphs = .unicode, text: String, roles: String?) {
        let buf = App.render(s, size: size, glyphs: glyphs)
        #expect(buf.width == size.width && buf.height == size.height)
        let actualText = Snapshot.text(buf)
        #expect(actualText == text, "text differs; actual:\n\(actualText)")
        Snapshot.offerUpdate(expected: text, actual: actualText)
        if let roles {
            let actualRoles = Snapshot.roles(buf)
            #expect(actualRoles == roles, "roles differ; actual:\n\(actualRoles)")
            Snapshot.offerUpdate(expected: roles, actual: actualRoles)
        }
    }

    @Test func s5Midway120x40() {
        check(Fixture.s5Midway(), Size(width: 120, height: 40), text: Expected.s5Text, roles: Expected.s5Roles)
    }

    @Test func robinCaseLabelAndExplanation120x40() {
        check(SnapshotStates.robin(), Size(width: 120, height: 40), text: Expected.robinText, roles: Expected.robinRoles)
    }

    @Test func s5MidwayAtMinimumSize80x24() {
        #expect(App.minimumSize == Size(width: 80, height: 24))
        check(Fixture.s5Midway(), App.minimumSize, text: Expected.s5minText, roles: Expected.s5minRoles)
    }

    @Test func violationAtMinimumSize() {
        check(SnapshotStates.s1Notifier(), App.minimumSize, text: Expected.s1Text, roles: Expected.s1Roles)
    }

    @Test func asciiGlyphs() {
        check(Fixture.s5Midway(), App.minimumSize, .ascii, text: Expected.asciiText, roles: Expected.asciiRoles)
        let buf = App.render(Fixture.s5Midway(), size: App.minimumSize, glyphs: .ascii)
        #expect(buf.cells.allSatisfy { $0.character.isASCII })
    }

    @Test func helpOverlay() {
        check(SnapshotStates.help(), App.minimumSize, text: Expected.helpText, roles: nil)
    }

    @Test func tooSmallScreen() {
        check(Fixture.state(), Size(width: 30, height: 5), text: Expected.tooSmallText, roles: Expected.tooSmallRoles)
    }
}
