/** An application module that only knows optel; its tests run it on the module path. */
module dev.optel.jpmsapp {
  requires dev.optel;
}
