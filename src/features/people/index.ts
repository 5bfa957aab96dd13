/** The people side: the App Home and the report across crises. Other features reach it through this file only. */
import type { FeatureModule } from '../../core/feature-module';
import { statementsForHome } from '../statements';
import { HomeService } from './home-service';
import { PeopleRepo } from './people-repo';
import { ReportRepo } from './report-repo';
import { ReportService } from './report-service';
import { peopleSlack } from './slack';

declare module '../../core/store' {
  interface Repositories {
    people: PeopleRepo;
    reports: ReportRepo;
  }
}

declare module '../../core/services' {
  interface Services {
    /** What one person's App Home shows. */
    home: HomeService;
    /** The report across crises. */
    report: ReportService;
  }
}

export const peopleFeature: FeatureModule = {
  id: 'people',
  migrations: ['0005_people.sql'],
  repositories: (db) => ({ people: new PeopleRepo(db), reports: new ReportRepo(db) }),
  services: {
    home: (deps, s) => new HomeService(deps, s.openCrises, statementsForHome(s.statements)),
    report: (deps) => new ReportService(deps),
  },
  slack: peopleSlack,
};
