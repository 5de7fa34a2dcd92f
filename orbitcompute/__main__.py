from orbitcompute.cli import main

raise SystemExit(main())
