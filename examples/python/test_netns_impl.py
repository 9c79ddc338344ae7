#!/usr/bin/env python3
"""Self-test of netns_impl.py: hand-derived scenarios from docs/contract.md, exact event lists.

    python3 examples/python/test_netns_impl.py        (standard library only)

The expected traces below were worked out by hand from the contract, not recorded from a run.
"""

import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # leave no __pycache__ in the work tree
import netns_impl  # noqa: E402


def E(type_, **fields):
    """An event; 'in_' and 'from_' stand for the JSON keys 'in' and 'from'."""
    return {"type": type_, **{k.rstrip("_"): v for k, v in fields.items()}}


class Scenario(unittest.TestCase):
    def boot(self, boot="full"):
        self.k = netns_impl.Kernel(boot)

    def do(self, type_, **fields):
        ret, events = self.k.apply({"type": type_, **fields})
        return ret, events

    def ok(self, type_, **fields):
        ret, events = self.do(type_, **fields)
        self.assertTrue(ret["ok"], f"{type_} {fields} -> {ret}")
        return events

    def net(self, net_id):
        return next(n for n in self.k.view()["nets"] if n["id"] == net_id)

    def counters(self):
        return self.k.view()["counters"]


class VethTeardown(Scenario):
    def test_veth_pair_in_one_dying_net(self):
        self.boot()
        self.assertEqual(
            self.ok("copy_net_ns", net="n1"),
            [E("init", op="netdev", net="n1"), E("init", op="loopback", net="n1"),
             E("dev_register", dev="lo@n1", net="n1", name="lo"), E("publish", net="n1")],
        )
        veth = dict(dev="a", name="veth0", net="n1", kind="veth",
                    peer={"dev": "b", "name": "veth1", "net": "n1"})
        self.assertEqual(  # veth_newlink registers the peer first
            self.ok("register_netdev", **veth),
            [E("dev_register", dev="b", net="n1", name="veth1"),
             E("dev_register", dev="a", net="n1", name="veth0")],
        )
        self.assertEqual([d["dev"] for d in self.net("n1")["devices"]], ["lo@n1", "b", "a"])
        self.assertEqual(self.do("put_net", net="n1"), ({"ok": True, "count": 0}, [E("queue", net="n1")]))
        self.assertTrue(self.net("n1")["queued"])
        ret, events = self.do("cleanup_net")
        self.assertEqual(ret, {"ok": True, "nets": ["n1"]})
        # reverse list order: a queues a then its peer b; b is re-queued (already at the tail); lo
        self.assertEqual(events, [
            E("batch", nets=["n1"]), E("unlink", net="n1"), E("synchronize_rcu"),
            E("exit_batch", op="default_device", nets=["n1"]),
            E("dev_unregister", dev="a", net="n1"), E("dev_unregister", dev="b", net="n1"),
            E("dev_unregister", dev="lo@n1", net="n1"),
            E("exit", op="netdev", net="n1"), E("rcu_barrier"), E("net_free", net="n1"),
        ])
        # rtnl: lo's registration in copy_net_ns, veth_newlink, default_device_exit_batch
        self.assertEqual(self.counters(), {"workRuns": 1, "pernetLock": 2, "rtnl": 3,
                                           "gracePeriods": 1, "rcuBarriers": 1, "unregisterMany": 1})
        self.assertEqual([n["id"] for n in self.k.view()["nets"]], ["init_net"])
        # ids are never reused
        self.assertEqual(self.do("copy_net_ns", net="n1")[0], {"ok": False, "errno": "EEXIST"})
        self.assertEqual(self.do("register_netdev", **dict(veth, net="init_net"))[0],
                         {"ok": False, "errno": "EEXIST"})

    def test_veth_peer_in_survivor_and_unregister_netdev(self):
        self.boot()
        self.ok("copy_net_ns", net="n1")
        self.ok("register_netdev", dev="a", name="v0", net="n1", kind="veth",
                peer={"dev": "b", "name": "v0", "net": "init_net"})
        self.ok("register_netdev", dev="d", name="dum", net="n1", kind="dummy")
        self.ok("put_net", net="n1")
        _, events = self.do("cleanup_net")
        self.assertEqual(events[3:7], [
            E("exit_batch", op="default_device", nets=["n1"]),
            E("dev_unregister", dev="d", net="n1"), E("dev_unregister", dev="a", net="n1"),
            E("dev_unregister", dev="b", net="init_net"),
        ])
        self.assertEqual(events[7], E("dev_unregister", dev="lo@n1", net="n1"))
        self.assertEqual(self.net("init_net")["devices"],
                         [{"dev": "lo@init_net", "name": "lo", "kind": "loopback"}])
        # rtnl_dellink of a veth: self, then peer, in one unregister_netdevice_many
        self.ok("register_netdev", dev="x", name="x0", net="init_net", kind="veth",
                peer={"dev": "y", "name": "y0", "net": "init_net"})
        self.assertEqual(self.ok("unregister_netdev", dev="y"),
                         [E("dev_unregister", dev="y", net="init_net"),
                          E("dev_unregister", dev="x", net="init_net")])
        self.assertEqual(self.do("unregister_netdev", dev="lo@init_net")[0],
                         {"ok": False, "errno": "EOPNOTSUPP"})


class ThreeNetsOneBatch(Scenario):
    def test_batch_nsids_migration_and_move_tail(self):
        self.boot()
        for n in ("n1", "n2", "n3"):
            self.ok("copy_net_ns", net=n)
        self.ok("register_netdev", dev="eth", name="eth0", net="init_net", kind="physical")
        self.ok("register_netdev", dev="p1", name="eth0", net="n1", kind="physical")
        self.ok("register_netdev", dev="a", name="va", net="n2", kind="veth",
                peer={"dev": "b", "name": "vb", "net": "n3"})
        self.assertEqual(self.do("peernet2id_alloc", net="init_net", peer="n2"),
                         ({"ok": True, "id": 0}, [E("nsid_alloc", in_="init_net", peer="n2", id=0)]))
        self.assertEqual(self.do("peernet2id_alloc", net="init_net", peer="n1")[0], {"ok": True, "id": 1})
        self.assertEqual(self.do("peernet2id_alloc", net="init_net", peer="n2"), ({"ok": True, "id": 0}, []))
        self.ok("peernet2id_alloc", net="n1", peer="n3")  # dies with n1: destroyed silently
        for n in ("n1", "n2", "n3"):
            self.ok("put_net", net=n)
        self.assertEqual(self.k.view()["cleanupList"], ["n3", "n2", "n1"])
        before = self.counters()
        ret, events = self.do("cleanup_net")
        self.assertEqual(ret, {"ok": True, "nets": ["n3", "n2", "n1"]})
        self.assertEqual(events, [
            E("batch", nets=["n3", "n2", "n1"]),
            E("unlink", net="n3"), E("unlink", net="n2"), E("unlink", net="n1"),
            E("nsid_unhash", in_="init_net", peer="n2", id=0),
            E("nsid_unhash", in_="init_net", peer="n1", id=1),
            E("synchronize_rcu"),
            E("exit_batch", op="default_device", nets=["n3", "n2", "n1"]),
            E("dev_move", dev="p1", from_="n1", to="init_net", name="dev0"),
            # n3: b queues b then a; lo@n3. n2: a moves to the tail; lo@n2. n1: lo@n1
            E("dev_unregister", dev="b", net="n3"), E("dev_unregister", dev="lo@n3", net="n3"),
            E("dev_unregister", dev="a", net="n2"), E("dev_unregister", dev="lo@n2", net="n2"),
            E("dev_unregister", dev="lo@n1", net="n1"),
            E("exit", op="netdev", net="n3"), E("exit", op="netdev", net="n2"),
            E("exit", op="netdev", net="n1"),
            E("rcu_barrier"),
            E("net_free", net="n3"), E("net_free", net="n2"), E("net_free", net="n1"),
        ])
        after = self.counters()
        self.assertEqual({k: after[k] - before[k] for k in after},
                         {"workRuns": 1, "pernetLock": 1, "rtnl": 1, "gracePeriods": 1,
                          "rcuBarriers": 1, "unregisterMany": 1})
        self.assertEqual(self.k.view()["nets"], [{
            "id": "init_net", "count": 1, "queued": False, "nsids": [], "data": [],
            "devices": [{"dev": "lo@init_net", "name": "lo", "kind": "loopback"},
                        {"dev": "eth", "name": "eth0", "kind": "physical"},
                        {"dev": "p1", "name": "dev0", "kind": "physical"}],
        }])


class InitFailure(Scenario):
    def setUp(self):
        self.boot()
        self.assertEqual(self.do("register_pernet_subsys", op="S", hooks=["exit", "init", "pre_exit"],
                                 generic=True),
                         ({"ok": True, "id": 3}, [E("alloc", op="S", net="init_net"),
                                                  E("init", op="S", net="init_net")]))
        self.assertEqual(self.ok("register_pernet_device", op="D", hooks=["init", "exit_rtnl"],
                                 generic=False), [E("init", op="D", net="init_net")])
        self.assertEqual([(p["op"], p["hooks"], p.get("id")) for p in self.k.view()["pernet"]], [
            ("netdev", ["init", "exit"], None), ("S", ["init", "pre_exit", "exit"], 3),
            ("loopback", ["init"], None), ("default_device", ["exit_batch"], None),
            ("D", ["init", "exit_rtnl"], None)])

    def test_failure_at_third_op(self):
        before = self.counters()
        ret, events = self.do("copy_net_ns", net="n1", fail={"op": "loopback"})
        self.assertEqual(ret, {"ok": False, "errno": "ENOMEM"})
        self.assertEqual(events, [
            E("init", op="netdev", net="n1"), E("alloc", op="S", net="n1"), E("init", op="S", net="n1"),
            E("init_failed", op="loopback", net="n1"),
            E("pre_exit", op="S", net="n1"), E("synchronize_rcu"),
            E("exit", op="S", net="n1"), E("exit", op="netdev", net="n1"),
            E("free", op="S", net="n1"), E("rcu_barrier"),
        ])
        after = self.counters()
        self.assertEqual({k: after[k] - before[k] for k in after},
                         {"workRuns": 0, "pernetLock": 1, "rtnl": 0, "gracePeriods": 1,
                          "rcuBarriers": 1, "unregisterMany": 0})
        self.assertEqual([n["id"] for n in self.k.view()["nets"]], ["init_net"])
        self.assertEqual(self.do("copy_net_ns", net="n1")[0], {"ok": False, "errno": "EEXIST"})

    def test_failure_after_lo_deletes_lo(self):
        ret, events = self.do("copy_net_ns", net="n2", fail={"op": "D"})
        self.assertEqual(ret, {"ok": False, "errno": "ENOMEM"})
        self.assertEqual(events, [
            E("init", op="netdev", net="n2"), E("alloc", op="S", net="n2"), E("init", op="S", net="n2"),
            E("init", op="loopback", net="n2"), E("dev_register", dev="lo@n2", net="n2", name="lo"),
            E("init_failed", op="D", net="n2"),
            E("pre_exit", op="S", net="n2"), E("synchronize_rcu"),
            E("exit_batch", op="default_device", nets=["n2"]),
            E("dev_unregister", dev="lo@n2", net="n2"),
            E("exit", op="S", net="n2"), E("exit", op="netdev", net="n2"),
            E("free", op="S", net="n2"), E("rcu_barrier"),
        ])

    def test_validation(self):
        self.assertEqual(self.do("copy_net_ns", net="n1", fail={"op": "nope"})[0]["errno"], "ENOENT")
        self.assertEqual(self.do("copy_net_ns", net="n1", fail={"op": "default_device"})[0]["errno"], "EINVAL")
        self.assertEqual(self.do("unregister_pernet_subsys", op="loopback")[0]["errno"], "EPERM")
        self.assertEqual(self.do("unregister_pernet_subsys", op="D")[0]["errno"], "EINVAL")
        self.assertEqual(self.do("put_net", net="init_net")[0]["errno"], "EINVAL")
        self.assertEqual(self.do("cleanup_net")[0]["errno"], "EAGAIN")
        self.assertEqual(self.do("register_pernet_device", op="X", hooks=["init", "init"],
                                 generic=False)[0]["errno"], "EINVAL")
        self.assertEqual(self.counters(), dict.fromkeys(netns_impl.COUNTERS, 0) | {"pernetLock": 2})


class RegistrationFailure(Scenario):
    def test_failure_at_second_net(self):
        self.boot()
        self.ok("copy_net_ns", net="n1")
        self.ok("copy_net_ns", net="n2")
        before = self.counters()
        ret, events = self.do("register_pernet_subsys", op="G", generic=True, fail={"net": "n1"},
                              hooks=["init", "pre_exit", "exit", "exit_batch", "exit_rtnl"])
        self.assertEqual(ret, {"ok": False, "errno": "ENOMEM"})
        self.assertEqual(events, [
            E("alloc", op="G", net="init_net"), E("init", op="G", net="init_net"),
            E("alloc", op="G", net="n1"), E("init_failed", op="G", net="n1"), E("free", op="G", net="n1"),
            E("pre_exit", op="G", net="init_net"), E("synchronize_rcu"),
            E("exit_rtnl", op="G", net="init_net"),
            E("exit", op="G", net="init_net"), E("exit_batch", op="G", nets=["init_net"]),
            E("free", op="G", net="init_net"), E("rcu_barrier"),
        ])
        after = self.counters()
        self.assertEqual({k: after[k] - before[k] for k in after},
                         {"workRuns": 0, "pernetLock": 1, "rtnl": 1, "gracePeriods": 1,
                          "rcuBarriers": 1, "unregisterMany": 1})
        self.assertNotIn("G", [p["op"] for p in self.k.view()["pernet"]])
        self.assertEqual(self.do("register_pernet_subsys", op="G", hooks=[], generic=False)[0]["errno"], "EEXIST")
        self.assertEqual(self.do("register_pernet_subsys", op="H", hooks=[], generic=True)[0],
                         {"ok": True, "id": 3})  # the failed op's generic id was freed

    def test_bare_boot_first_device(self):
        self.boot("bare")
        self.assertEqual(self.do("register_netdev", dev="d", name="d", net="init_net", kind="dummy")[0],
                         {"ok": False, "errno": "EOPNOTSUPP"})
        self.ok("register_pernet_subsys", op="s1", hooks=[], generic=False)
        self.ok("register_pernet_device", op="d1", hooks=["exit"], generic=False)
        self.ok("register_pernet_subsys", op="s2", hooks=[], generic=False)
        view = self.k.view()
        self.assertEqual([p["op"] for p in view["pernet"]], ["s1", "s2", "d1"])
        self.assertEqual(view["firstDevice"], "d1")
        self.assertEqual(self.ok("unregister_pernet_device", op="d1"),
                         [E("synchronize_rcu"), E("exit", op="d1", net="init_net"), E("rcu_barrier")])
        self.assertIsNone(self.k.view()["firstDevice"])


class DevChangeNetNamespace(Scenario):
    def test_names_and_patterns(self):
        self.boot()
        self.ok("copy_net_ns", net="n1")
        self.ok("register_netdev", dev="d1", name="eth0", net="n1", kind="dummy")
        self.ok("register_netdev", dev="d2", name="eth0", net="init_net", kind="dummy")
        self.ok("register_netdev", dev="d3", name="eth1", net="init_net", kind="dummy")
        self.ok("register_netdev", dev="br", name="br0", net="n1", kind="bridge")
        rtnl = self.counters()["rtnl"]
        self.assertEqual(self.do("dev_change_net_namespace", dev="d1", net="init_net")[0]["errno"], "EEXIST")
        self.assertEqual(self.do("dev_change_net_namespace", dev="d1", net="init_net", name="eth1")[0]["errno"], "EEXIST")
        self.assertEqual(self.do("dev_change_net_namespace", dev="d1", net="init_net", name="a%d%d")[0]["errno"], "EINVAL")
        self.assertEqual(self.do("dev_change_net_namespace", dev="br", net="init_net")[0]["errno"], "EINVAL")
        self.assertEqual(self.counters()["rtnl"], rtnl)  # errors change nothing, rtnl included
        self.assertEqual(self.ok("dev_change_net_namespace", dev="d1", net="init_net", name="eth%d"),
                         [E("dev_move", dev="d1", from_="n1", to="init_net", name="eth2")])
        self.assertEqual(self.ok("dev_change_net_namespace", dev="d1", net="init_net"), [])
        self.assertEqual(self.counters()["rtnl"], rtnl + 2)


class Protocol(unittest.TestCase):
    def test_stdio(self):
        lines = [
            {"reset": {"boot": "bare"}},
            {"id": 1, "action": {"type": "copy_net_ns", "net": "n1"}},
            "not json",
            {"id": 2, "action": {"type": "frobnicate"}},
            {"id": 3, "action": {"type": "get_net"}},
            {"reset": {"boot": "full"}},
            {"id": 4, "action": {"type": "get_net", "net": "init_net"}},
        ]
        stdin = "".join((l if isinstance(l, str) else json.dumps(l)) + "\n" for l in lines)
        proc = subprocess.run([sys.executable, os.path.join(HERE, "netns_impl.py")], input=stdin,
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        out = [json.loads(l) for l in proc.stdout.splitlines()]
        self.assertEqual(len(out), len(lines))
        self.assertEqual(out[0], {"ok": True})
        self.assertEqual(out[1]["ret"], {"ok": True})
        self.assertEqual(out[1]["events"], [E("publish", net="n1")])
        self.assertEqual(out[1]["view"]["pernet"], [])
        self.assertEqual((out[2]["id"], "error" in out[2]), (None, True))
        self.assertEqual((out[3]["id"], "error" in out[3]), (2, True))
        self.assertEqual((out[4]["id"], "error" in out[4]), (3, True))
        self.assertEqual(out[5], {"ok": True})
        self.assertEqual(out[6]["ret"], {"ok": True, "count": 2})
        self.assertEqual([n["id"] for n in out[6]["view"]["nets"]], ["init_net"])  # n1 gone


if __name__ == "__main__":
    unittest.main(verbosity=2)
